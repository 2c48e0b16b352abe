import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { channelConfig } from "@/lib/channels/channel-config";
import { readBodyLimited } from "@/lib/channels/http/read-body";
import { receiveMessengerWebhook } from "@/lib/channels/messenger/receive-messenger-webhook";
import { verifyMessengerSubscription } from "@/lib/channels/messenger/webhook-verification";

const MAX_BODY_BYTES = 1024 * 1024;

/** Messenger's subscription handshake. */
export async function GET(request: Request) {
  const check = verifyMessengerSubscription(new URL(request.url).searchParams, channelConfig().messengerVerifyToken);
  if (!check.ok) return NextResponse.json({ error: check.error }, { status: check.status });
  return new NextResponse(check.challenge, { status: 200, headers: { "content-type": "text/plain" } });
}

/** Signed deliveries (X-Hub-Signature-256 over the raw body). */
export async function POST(request: Request) {
  const raw = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!raw) return NextResponse.json({ error: "The payload is too large." }, { status: 413 });
  const result = await receiveMessengerWebhook({
    db: await getDb(),
    rawBody: raw.toString("utf8"),
    signature: request.headers.get("x-hub-signature-256"),
    appSecret: channelConfig().messengerAppSecret,
  });
  if (!result.ok) return NextResponse.json({ error: result.error }, { status: result.status });
  return NextResponse.json(result);
}
