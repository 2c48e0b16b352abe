import { createHmac } from "node:crypto";
import { safeEqual } from "../constant-time";

export type SubscriptionCheck = { ok: true; challenge: string } | { ok: false; status: 400 | 403; error: string };

/**
 * Messenger's GET handshake: answer hub.challenge only when hub.mode is "subscribe" and
 * hub.verify_token equals MESSENGER_VERIFY_TOKEN (compared in constant time, never just echoed).
 */
export function verifyMessengerSubscription(params: URLSearchParams, verifyToken: string | undefined): SubscriptionCheck {
  const mode = params.get("hub.mode");
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (mode !== "subscribe" || !token || !challenge) {
    return { ok: false, status: 400, error: "Expected hub.mode=subscribe, hub.verify_token and hub.challenge." };
  }
  if (!verifyToken || !safeEqual(token, verifyToken)) return { ok: false, status: 403, error: "The verify token does not match." };
  if (challenge.length > 200 || !/^[\w.-]+$/.test(challenge)) return { ok: false, status: 400, error: "Invalid hub.challenge." };
  return { ok: true, challenge };
}

export const messengerSignature = (rawBody: string | Buffer, appSecret: string) =>
  `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`. */
export function verifyMessengerSignature(rawBody: string | Buffer, header: string | null, appSecret: string | undefined): boolean {
  if (!header || !appSecret) return false;
  return safeEqual(header.trim().toLowerCase(), messengerSignature(rawBody, appSecret));
}
