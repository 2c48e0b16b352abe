import { z } from "zod";
import { getDb } from "@/db/client";
import { startVisitorSession } from "@/lib/channels/webchat/visitor-session";
import { limitWidget, requestOrigin, widgetBody, widgetJson, widgetPreflight } from "../widget-http";
import { browserRealtimeConfig } from "@/lib/realtime/config";

const input = z.object({ widgetKey: z.string().min(1).max(100), token: z.string().max(1000).nullable().optional() });

export const OPTIONS = widgetPreflight;

/** Creates or restores the visitor (token kept in the widget's localStorage) and names their conversation. */
export async function POST(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.session");
  if (limited) return limited;
  const body = await widgetBody(request);
  if (!body.ok) return body.response;
  const parsed = input.safeParse(body.json);
  if (!parsed.success) return widgetJson({ error: "Send widgetKey (and token if you have one)." }, 400);
  const result = await startVisitorSession({ db, widgetKey: parsed.data.widgetKey, token: parsed.data.token, ...requestOrigin(request) });
  if (!result.ok) return widgetJson({ error: result.error }, result.status);
  return widgetJson({ ...result.value, realtime: browserRealtimeConfig() });
}
