import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { channelConfig } from "@/lib/channels/channel-config";
import { safeEqual } from "@/lib/channels/constant-time";
import { maxInboundEmailBytes } from "@/lib/channels/email/parse-inbound-email";
import { receiveInboundEmail } from "@/lib/channels/email/receive-inbound-email";
import { readBodyLimited } from "@/lib/channels/http/read-body";

/** The mail provider posts the raw MIME message; the shared secret comes in X-Email-Webhook-Secret. */
export async function POST(request: Request) {
  const secret = request.headers.get("x-email-webhook-secret");
  if (!secret || !safeEqual(secret, channelConfig().emailWebhookSecret)) {
    return NextResponse.json({ error: "The webhook secret does not match." }, { status: 401 });
  }
  const maxBytes = maxInboundEmailBytes();
  const raw = await readBodyLimited(request, maxBytes);
  if (!raw) return NextResponse.json({ error: `The email is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB.` }, { status: 413 });
  const result = await receiveInboundEmail({ db: await getDb(), raw });
  if (!result.ok) return NextResponse.json({ error: result.error }, { status: result.status });
  return NextResponse.json(result.value, { status: result.value.duplicate ? 200 : 201 });
}
