import { getDb } from "@/db/client";
import { sendVisitorMessage } from "@/lib/channels/webchat/send-visitor-message";
import { limitWidget, widgetBody, widgetJson, widgetPreflight } from "../widget-http";
import { requireVisitor } from "../widget-visitor";

export const OPTIONS = widgetPreflight;

/** The visitor writes: lands in the inbox as a chat message (the same clientMessageId twice stores one). */
export async function POST(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.message");
  if (limited) return limited;
  const who = await requireVisitor(db, request);
  if (!who.ok) return who.response;
  const body = await widgetBody(request);
  if (!body.ok) return body.response;
  const result = await sendVisitorMessage({ db, visitor: who.visitor, input: body.json });
  if (!result.ok) return widgetJson({ error: result.error }, 400);
  return widgetJson(result.value, result.value.duplicate ? 200 : 201);
}
