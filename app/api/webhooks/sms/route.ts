import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { channelConfig } from "@/lib/channels/channel-config";
import { readBodyLimited } from "@/lib/channels/http/read-body";
import { receiveInboundSms } from "@/lib/channels/sms/receive-inbound-sms";

const MAX_BODY_BYTES = 64 * 1024;

/** The SMS provider's inbound webhook (form-encoded, Twilio-style X-Twilio-Signature). */
export async function POST(request: Request) {
  const raw = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!raw) return NextResponse.json({ error: "The request is too large." }, { status: 413 });
  const params = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
  const config = channelConfig();
  const result = await receiveInboundSms({
    db: await getDb(),
    url: config.smsWebhookUrl ?? request.url,
    params,
    signature: request.headers.get("x-twilio-signature"),
    authToken: config.smsAuthToken,
  });
  if (!result.ok) return NextResponse.json({ error: result.error }, { status: result.status });
  // An empty TwiML answer: no automatic reply text.
  return new NextResponse("<Response></Response>", { status: 200, headers: { "content-type": "text/xml" } });
}
