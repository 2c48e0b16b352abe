import { getDb } from "@/db/client";
import { admitVisitor } from "@/lib/channels/webchat/widget-gate";
import { visitorFromToken } from "@/lib/channels/webchat/visitor-session";
import { limitWidget, requestOrigin, widgetJson, widgetPreflight } from "../widget-http";
import { authorizeSubscription } from "@/lib/realtime/authorize-subscription";
import { getPusher } from "@/lib/realtime/config";

export const OPTIONS = widgetPreflight;

/** pusher-js authorization for a visitor: only their own conversation's private and presence channels. */
export async function POST(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.realtime-auth");
  if (limited) return limited;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return widgetJson({ error: "Send socket_id and channel_name as a form." }, 400);
  }
  const visitor = await visitorFromToken({ db, token: request.headers.get("x-visitor-token") });
  if (visitor) {
    const admission = await admitVisitor({ db, visitor, ...requestOrigin(request) });
    if (!admission.ok) return widgetJson({ error: admission.error }, admission.status);
  }
  const principal =
    visitor && visitor.conversationId
      ? { kind: "visitor" as const, accountId: visitor.accountId, conversationId: visitor.conversationId, visitorId: visitor.visitorId }
      : null;
  const result = await authorizeSubscription({ db, actor: principal, socketId: form.get("socket_id"), channelName: form.get("channel_name"), pusher: getPusher() });
  if (!result.ok) return widgetJson({ error: result.error }, result.status);
  return widgetJson(result.auth);
}
