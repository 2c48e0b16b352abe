import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/database";
import { smsLocalMailbox } from "@/db/schema";
import { localSmsRefusal } from "./local-sms-faults";

export class SmsSendError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = "SmsSendError";
  }
}

const providerAnswer = z.object({ sid: z.string().min(1) });

/** An image sent by MMS: the provider fetches it from `url`. */
export type SmsMedia = { fileName: string; contentType: string; url: string };

/**
 * Sends a text through the provider's REST API (Twilio-style: form POST to
 * {SMS_API_URL}/Accounts/{SMS_ACCOUNT_SID}/Messages.json with basic auth SID:SMS_AUTH_TOKEN,
 * one MediaUrl per image) when SMS_API_URL is set, else records it in the local SMS mailbox.
 */
export async function sendSms({
  db,
  sms,
  idempotencyKey,
  env = process.env,
  fetchImpl = fetch,
}: {
  db: Db;
  sms: { accountId: string; from: string; to: string; body: string; media?: readonly SmsMedia[] };
  /** Sent as the Idempotency-Key header (the local mailbox uses it as the row id): one text per key. */
  idempotencyKey?: string;
  env?: Record<string, string | undefined>;
  fetchImpl?: typeof fetch;
}): Promise<{ externalId: string; delivered: "provider" | "local-mailbox" }> {
  const apiUrl = env.SMS_API_URL;
  if (!apiUrl) {
    const refusal = localSmsRefusal(sms.accountId);
    if (refusal) throw new SmsSendError(`The SMS provider refused the text: ${refusal}`, false);
    const id = idempotencyKey ?? randomUUID();
    await db
      .insert(smsLocalMailbox)
      .values({ id, accountId: sms.accountId, from: sms.from, to: sms.to, body: sms.body, media: sms.media ?? [] })
      .onConflictDoNothing();
    return { externalId: `local-mailbox:${id}`, delivered: "local-mailbox" };
  }
  const sid = env.SMS_ACCOUNT_SID;
  const token = env.SMS_AUTH_TOKEN;
  if (!sid || !token) throw new SmsSendError("Set SMS_ACCOUNT_SID and SMS_AUTH_TOKEN with SMS_API_URL.", false);
  let response: Response;
  try {
    response = await fetchImpl(`${apiUrl.replace(/\/$/, "")}/Accounts/${encodeURIComponent(sid)}/Messages.json`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      },
      body: new URLSearchParams([["From", sms.from], ["To", sms.to], ["Body", sms.body], ...(sms.media ?? []).map((m) => ["MediaUrl", m.url])]).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new SmsSendError(`The SMS provider could not be reached: ${(error as Error).message}`, true);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = (body as { message?: string } | null)?.message ?? response.statusText;
    throw new SmsSendError(`The SMS provider refused the text: ${detail}`, response.status >= 500 || response.status === 429);
  }
  const parsed = providerAnswer.safeParse(body);
  if (!parsed.success) throw new SmsSendError("The SMS provider answered without a message id.", true);
  return { externalId: parsed.data.sid, delivered: "provider" };
}
