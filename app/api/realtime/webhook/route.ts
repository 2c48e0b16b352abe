import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { setVisitorPresence } from "@/lib/channels/webchat/set-visitor-presence";
import { getPusher } from "@/lib/realtime/config";
import { readRealtimeWebhook } from "@/lib/realtime/webhook";

const PRESENCE_VISITOR = /^presence-visitor-([0-9a-f-]{36})$/;

/** Realtime server webhooks: a visitor's presence channel occupied → online, vacated → away. */
export async function POST(request: Request) {
  const rawBody = await request.text();
  const read = readRealtimeWebhook({ pusher: getPusher(), headers: request.headers, rawBody });
  if (!read.ok) return NextResponse.json({ error: read.error }, { status: 401 });
  const db = await getDb();
  for (const event of read.events) {
    const match = PRESENCE_VISITOR.exec(event.channel);
    if (!match) continue;
    if (event.name === "channel_occupied") await setVisitorPresence({ db, conversationId: match[1], online: true });
    if (event.name === "channel_vacated") await setVisitorPresence({ db, conversationId: match[1], online: false });
  }
  return NextResponse.json({ ok: true });
}
