import { appUrlOf } from "@/app/app-url";
import { getDb } from "@/db/client";
import { captureVisitorEmail } from "@/lib/channels/webchat/capture-visitor-email";
import { limitWidget, widgetBody, widgetJson, widgetPreflight } from "../widget-http";
import { requireVisitor } from "../widget-visitor";

export const OPTIONS = widgetPreflight;

/** The email capture form: the address stays unconfirmed until the visitor opens the link mailed to it. */
export async function POST(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.email");
  if (limited) return limited;
  const who = await requireVisitor(db, request);
  if (!who.ok) return who.response;
  const body = await widgetBody(request);
  if (!body.ok) return body.response;
  const result = await captureVisitorEmail({ db, visitor: who.visitor, input: body.json, origin: appUrlOf(request) });
  if (!result.ok) return widgetJson({ error: result.error, fieldErrors: result.fieldErrors }, 400);
  return widgetJson(result.value);
}
