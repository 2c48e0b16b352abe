import { getDb } from "@/db/client";
import { maxAttachmentBytes, tooLargeMessage } from "@/lib/attachments/attachment-limits";
import { readBodyLimited } from "@/lib/channels/http/read-body";
import { sendVisitorFile } from "@/lib/channels/webchat/send-visitor-file";
import { limitWidget, widgetJson, widgetPreflight } from "../widget-http";
import { requireVisitor } from "../widget-visitor";

export const OPTIONS = widgetPreflight;

/**
 * The visitor sends a file: the raw bytes as the body, the name URI-encoded in X-File-Name, the
 * widget's id for the send in X-Client-Message-Id (a retry stores one message).
 */
export async function POST(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.upload");
  if (limited) return limited;
  const who = await requireVisitor(db, request);
  if (!who.ok) return who.response;
  let fileName: string;
  try {
    fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  } catch {
    return widgetJson({ error: "X-File-Name must be URI-encoded." }, 400);
  }
  const bytes = await readBodyLimited(request, maxAttachmentBytes());
  if (!bytes) return widgetJson({ error: tooLargeMessage() }, 413);
  const result = await sendVisitorFile({
    db,
    visitor: who.visitor,
    input: { fileName, clientMessageId: request.headers.get("x-client-message-id") },
    bytes,
  });
  if (!result.ok) return widgetJson({ error: result.error }, 400);
  return widgetJson(result.value, result.value.duplicate ? 200 : 201);
}
