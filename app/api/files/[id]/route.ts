import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { dispositionFor, downloadHeaders } from "@/lib/attachments/download-presentation";
import { findDownload } from "@/lib/attachments/find-download";
import { fileStorage } from "@/lib/files/active-file-storage";
import { getCurrentActor } from "@/app/(auth)/current-actor";

const notFound = () => NextResponse.json({ error: "No such file, or it is not yours to open." }, { status: 404, headers: { "cache-control": "no-store" } });

/**
 * Opens an attachment (or `?variant=thumbnail`, its preview) for a signed-in agent or viewer of
 * its account, or for a signed link (`?expires=…&signature=…`). Files in S3 are a redirect to a
 * presigned URL carrying the same presentation; local files are streamed from here.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  const variant = query.get("variant") ?? "original";
  if (variant !== "original" && variant !== "thumbnail") return notFound();
  const expires = query.get("expires");
  const signature = query.get("signature");
  const signed = expires !== null || signature !== null;
  const download = await findDownload({
    db: await getDb(),
    attachmentId: id,
    variant,
    actor: signed ? null : await getCurrentActor(),
    expires,
    signature,
  });
  if (!download) return notFound();

  const storage = fileStorage();
  const presigned = await storage.presignedDownloadUrl(download.storageKey, {
    contentType: download.contentType,
    contentDisposition: dispositionFor(download.contentType, download.fileName),
    expiresInSeconds: Math.max(60, download.maxAgeSeconds),
  });
  if (presigned) return new NextResponse(null, { status: 302, headers: { location: presigned, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  const file = await storage.open(download.storageKey);
  if (!file) return notFound();
  const headers = downloadHeaders({ ...download, size: file.size });
  return new NextResponse(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, { status: 200, headers });
}
