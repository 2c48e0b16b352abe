import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { ForbiddenError } from "@/lib/access/permissions";
import { maxAttachmentBytes, tooLargeMessage } from "@/lib/attachments/attachment-limits";
import { readBodyLimited } from "@/lib/channels/http/read-body";
import { uploadAttachment } from "@/lib/inbox/upload-attachment";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { FORBIDDEN_MESSAGE } from "@/app/command-action";

const noStore = { "cache-control": "no-store" };

/**
 * The composer's upload: the raw file as the body, its name URI-encoded in X-File-Name. That
 * header also keeps other sites out: a cross-site form cannot send it, and no CORS lets a script.
 * Answers 201 with the attachment (its id goes into the reply), or a message saying what was wrong.
 */
export async function POST(request: Request) {
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  const header = request.headers.get("x-file-name");
  if (header === null) return NextResponse.json({ error: "Send the file's name in the X-File-Name header." }, { status: 400, headers: noStore });
  let fileName: string;
  try {
    fileName = decodeURIComponent(header);
  } catch {
    return NextResponse.json({ error: "X-File-Name must be URI-encoded." }, { status: 400, headers: noStore });
  }
  const bytes = await readBodyLimited(request, maxAttachmentBytes());
  if (!bytes) return NextResponse.json({ error: tooLargeMessage() }, { status: 413, headers: noStore });
  try {
    const result = await uploadAttachment({ db: await getDb(), actor, input: { fileName }, bytes });
    if (!result.ok) return NextResponse.json({ error: result.error, fieldErrors: result.fieldErrors }, { status: 400, headers: noStore });
    return NextResponse.json({ attachment: result.value }, { status: 201, headers: noStore });
  } catch (error) {
    if (error instanceof ForbiddenError) return NextResponse.json({ error: FORBIDDEN_MESSAGE }, { status: 403, headers: noStore });
    throw error;
  }
}
