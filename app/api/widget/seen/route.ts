import { z } from "zod";
import { getDb } from "@/db/client";
import { markVisitorSeen } from "@/lib/channels/webchat/mark-visitor-seen";
import { limitWidget, widgetBody, widgetJson, widgetPreflight } from "../widget-http";
import { requireVisitor } from "../widget-visitor";

const input = z.object({ lastMessageId: z.number().int().nonnegative() });

export const OPTIONS = widgetPreflight;

/** The widget is open and showing messages up to lastMessageId: they are no longer unread. */
export async function POST(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.history");
  if (limited) return limited;
  const who = await requireVisitor(db, request);
  if (!who.ok) return who.response;
  const body = await widgetBody(request);
  if (!body.ok) return body.response;
  const parsed = input.safeParse(body.json);
  if (!parsed.success) return widgetJson({ error: "Send lastMessageId." }, 400);
  if (!who.visitor.conversationId) return widgetJson({ ok: true });
  await markVisitorSeen({ db, accountId: who.visitor.accountId, conversationId: who.visitor.conversationId, messageId: parsed.data.lastMessageId });
  return widgetJson({ ok: true });
}
