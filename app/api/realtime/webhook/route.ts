import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { setVisitorPresence } from "@/lib/channels/webchat/set-visitor-presence";
import { getPusher } from "@/lib/realtime/config";
import { readRealtimeWebhook } from "@/lib/realtime/webhook";
import { parseVisitorPresenceChannel } from "@/lib/realtime/realtime-channel-names";
import { recordInboxPresence } from "@/lib/inbox/assignment/agent-status";

const PRESENCE_ACCOUNT = /^presence-account-([0-9a-f-]{36})$/;

/** Realtime server webhooks: a visitor's presence channel occupied → online, vacated → away. */
export async function POST(request: Request) {
  const rawBody = await request.text();
  const read = readRealtimeWebhook({ pusher: getPusher(), headers: request.headers, rawBody });
  if (!read.ok) return NextResponse.json({ error: read.error }, { status: 401 });
  const db = await getDb();
  for (const event of read.events) {
    // An agent's inbox tab opened (first) or closed (last): automatic assignment's "available".
    const inbox = PRESENCE_ACCOUNT.exec(event.channel);
    if (inbox && (event.name === "member_added" || event.name === "member_removed")) {
      await recordInboxPresence({ db, accountId: inbox[1], userId: event.user_id, online: event.name === "member_added" });
      continue;
    }
    const visitor = parseVisitorPresenceChannel(event.channel);
    if (!visitor) continue;
    if (event.name === "channel_occupied") await setVisitorPresence({ db, ...visitor, online: true });
    if (event.name === "channel_vacated") await setVisitorPresence({ db, ...visitor, online: false });
  }
  return NextResponse.json({ ok: true });
}
