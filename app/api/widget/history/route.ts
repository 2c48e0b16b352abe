import { getDb } from "@/db/client";
import { visitorHistory } from "@/lib/channels/webchat/visitor-history";
import { limitWidget, widgetJson, widgetPreflight } from "../widget-http";
import { requireVisitor } from "../widget-visitor";

export const OPTIONS = widgetPreflight;

/** The visitor's conversation as the widget shows it, with unread team messages flagged. */
export async function GET(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.history");
  if (limited) return limited;
  const who = await requireVisitor(db, request);
  if (!who.ok) return who.response;
  return widgetJson(await visitorHistory({ db, visitor: who.visitor }));
}
