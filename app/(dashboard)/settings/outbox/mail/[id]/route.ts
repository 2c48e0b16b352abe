import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { can } from "@/lib/access/permissions";
import { contentDisposition } from "@/lib/attachments/download-presentation";
import { localMailRawKey } from "@/lib/channels/local-mailboxes";
import { fileStorage } from "@/lib/files/active-file-storage";
import { getCurrentActor } from "@/app/(auth)/current-actor";

const notFound = () => NextResponse.json({ error: "No such mail." }, { status: 404 });

/** An admin downloads a local mail with attachments as the exact MIME message (.eml) SMTP would have carried. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getCurrentActor();
  if (!can(actor, "channels.manage")) return notFound();
  const { id } = await params;
  const rawKey = await localMailRawKey({ db: await getDb(), actor, mailId: id });
  const file = rawKey ? await fileStorage().open(rawKey) : null;
  if (!file) return notFound();
  return new NextResponse(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "message/rfc822",
      "content-length": String(file.size),
      "content-disposition": contentDisposition("attachment", `mail-${id}.eml`),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
