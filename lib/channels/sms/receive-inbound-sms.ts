import type { Db } from "@/db/database";
import { inboundDetails } from "@/db/schema";
import { receiveInboundMessage, type InboundResult } from "@/lib/inbox/receive-inbound-message";
import { parseInboundSms } from "./parse-inbound-sms";
import { verifySmsRequestSignature } from "./request-signature";
import { accountOfSmsNumber } from "@/lib/message-channels/sms-numbers";

export type InboundSmsOutcome = { ok: true; value: InboundResult } | { ok: false; status: 400 | 403 | 404 | 422; error: string };

/**
 * A provider's inbound-text webhook → the inbox (SPEC §7): the signature is checked before
 * anything is read; the account is the owner of the texted number; the sender's number is the
 * contact's phone; the provider's MessageSid makes retries idempotent.
 */
export async function receiveInboundSms({
  db,
  url,
  params,
  signature,
  authToken,
}: {
  db: Db;
  url: string;
  params: Record<string, string>;
  signature: string | null;
  authToken: string;
}): Promise<InboundSmsOutcome> {
  if (!verifySmsRequestSignature({ url, params, signature, authToken })) {
    return { ok: false, status: 403, error: "The request signature does not match." };
  }
  const parsed = parseInboundSms(params);
  if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
  const { sms } = parsed;
  const accountId = await accountOfSmsNumber({ db, number: sms.To });
  if (!accountId) return { ok: false, status: 404, error: "The texted number belongs to no account." };
  const result = await receiveInboundMessage({
    db,
    input: { accountId, channel: "sms", externalId: sms.MessageSid, sender: { contact: { phone: sms.From } }, body: sms.Body },
  });
  if (!result.ok) return { ok: false, status: 422, error: result.error };
  await db
    .insert(inboundDetails)
    .values({ messageId: result.value.messageId, accountId, fromAddress: sms.From, toAddress: sms.To })
    .onConflictDoNothing();
  return result;
}
