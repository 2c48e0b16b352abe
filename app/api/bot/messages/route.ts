import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { accountOfBotApiKey } from "@/lib/channels/bot/bot-api-keys";
import { readBodyLimited } from "@/lib/channels/http/read-body";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { limitPublicEndpoint } from "@/lib/rate-limit/public-endpoints";
import { postBotMessage } from "@/lib/inbox/post-bot-message";
import { channels } from "@/lib/message-channels/message-channels";

const body = z.object({
  conversationId: z.string().uuid("conversationId must be a conversation id."),
  channel: z.enum(channels, { error: "channel must be chat, email, messenger or sms." }),
  body: z.string().trim().min(1, "body is empty.").max(20_000, "body is longer than 20 000 characters."),
  externalId: z.string().trim().min(1).max(500).optional(),
});

/** Automation posts as the bot (robot avatar): `Authorization: Bearer cbk_…`, JSON body. */
export async function POST(request: Request) {
  const db = await getDb();
  const key = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  const accountId = await accountOfBotApiKey({ db, key });
  if (!accountId) return NextResponse.json({ error: "Unknown or revoked bot API key." }, { status: 401 });
  const limit = await limitPublicEndpoint({ db, endpoint: "bot.message", client: `${accountId}:${clientAddress(request.headers)}` });
  if (!limit.allowed) return NextResponse.json({ error: "Too many requests." }, { status: 429, headers: { "retry-after": String(limit.retryAfterSeconds) } });
  const raw = await readBodyLimited(request, 64 * 1024);
  if (!raw) return NextResponse.json({ error: "The request is too large." }, { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return NextResponse.json({ error: "The body is not JSON." }, { status: 400 });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0].message }, { status: 400 });
  const result = await postBotMessage({ db, input: { accountId, ...parsed.data } });
  if (!result.ok) return NextResponse.json({ error: result.error }, { status: 404 });
  // Stored with its delivery job: the job runner sends it (its status shows in the thread).
  return NextResponse.json({ messageId: result.value.messageId, delivery: result.value.delivery }, { status: 201 });
}
