import type { Db } from "@/db/database";
import { inboundDetails } from "@/db/schema";
import type { MediaFetcher } from "@/lib/attachments/fetch-remote-media";
import { fetchInboundMedia, withFileNotes } from "@/lib/attachments/store-inbound-files";
import { storedInbound } from "@/lib/inbox/stored-inbound";
import { receiveInboundMessage, type InboundResult } from "@/lib/inbox/receive-inbound-message";
import { parseInboundSms } from "./parse-inbound-sms";
import { verifySmsRequestSignature } from "./request-signature";
import { accountOfSmsNumber } from "@/lib/message-channels/sms-numbers";

export type InboundSmsOutcome = { ok: true; value: InboundResult } | { ok: false; status: 400 | 403 | 404 | 422; error: string };

/**
 * A provider's inbound-text webhook → the inbox (SPEC §7): the signature is checked before
 * anything is read; the account is the owner of the texted number; the sender's number is the
 * contact's phone; the provider's MessageSid makes retries idempotent. MMS media are fetched
 * (SSRF-safe; the provider's credentials only to the provider's own host) and stored first.
 */
export async function receiveInboundSms({
  db,
  url,
  params,
  signature,
  authToken,
  fetchMedia,
  env = process.env,
}: {
  db: Db;
  url: string;
  params: Record<string, string>;
  signature: string | null;
  authToken: string;
  fetchMedia?: MediaFetcher;
  env?: Record<string, string | undefined>;
}): Promise<InboundSmsOutcome> {
  if (!verifySmsRequestSignature({ url, params, signature, authToken })) {
    return { ok: false, status: 403, error: "The request signature does not match." };
  }
  const parsed = parseInboundSms(params);
  if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
  const { sms } = parsed;
  const accountId = await accountOfSmsNumber({ db, number: sms.To });
  if (!accountId) return { ok: false, status: 404, error: "The texted number belongs to no account." };
  const stored = sms.media.length > 0 ? await storedInbound({ db, accountId, channel: "sms", externalId: sms.MessageSid }) : null;
  if (stored) return { ok: true, value: stored };
  const files = await fetchInboundMedia({ accountId, media: sms.media, fetchMedia, authorization: providerMediaAuthorization(env) });
  const result = await receiveInboundMessage({
    db,
    input: {
      accountId,
      channel: "sms",
      externalId: sms.MessageSid,
      sender: { contact: { phone: sms.From } },
      body: withFileNotes(sms.Body, files.notes),
      attachments: files.stored,
    },
  });
  if (!result.ok) return { ok: false, status: 422, error: result.error };
  await db
    .insert(inboundDetails)
    .values({ messageId: result.value.messageId, accountId, fromAddress: sms.From, toAddress: sms.To })
    .onConflictDoNothing();
  return result;
}

/** The provider's media URLs may need its API credentials (Twilio's do, when media auth is on): only for its own host. */
function providerMediaAuthorization(env: Record<string, string | undefined>) {
  if (!env.SMS_API_URL || !env.SMS_ACCOUNT_SID || !env.SMS_AUTH_TOKEN) return undefined;
  try {
    return { host: new URL(env.SMS_API_URL).hostname, header: `Basic ${Buffer.from(`${env.SMS_ACCOUNT_SID}:${env.SMS_AUTH_TOKEN}`).toString("base64")}` };
  } catch {
    return undefined;
  }
}
