import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { authorizeSubscription } from "@/lib/realtime/authorize-subscription";
import { getPusher } from "@/lib/realtime/config";

/** pusher-js channel authorization: form-encoded socket_id + channel_name → signed grant, or 403. */
export async function POST(request: Request) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ error: "Send socket_id and channel_name as a form." }, { status: 400 });
  }
  const actor = await getCurrentActor();
  const result = await authorizeSubscription({
    db: await getDb(),
    actor,
    socketId: form.get("socket_id"),
    channelName: form.get("channel_name"),
    pusher: getPusher(),
  });
  if (!result.ok) return NextResponse.json({ error: result.error }, { status: result.status });
  return NextResponse.json(result.auth, { headers: { "cache-control": "no-store" } });
}
