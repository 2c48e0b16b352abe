import { createHmac, randomUUID } from "node:crypto";
import { z } from "zod";
import { channelSecret } from "../channel-secret";
import { safeEqual } from "../constant-time";

/** A visitor identity older than this is no longer accepted (the device starts afresh). */
export const VISITOR_TOKEN_MAX_AGE_MS = 365 * 24 * 3600 * 1000;
/** Tokens older than this are re-issued (same visitor) on the visitor's next visit. */
export const VISITOR_TOKEN_REFRESH_AFTER_MS = 7 * 24 * 3600 * 1000;

/** `widgetKey`: the key the token was issued under (absent on tokens issued before keys could rotate). */
export type VisitorIdentity = { accountId: string; visitorId: string; issuedAt: Date; widgetKey?: string };

const payload = z.object({
  v: z.literal(1),
  a: z.string().uuid(),
  vid: z.string().regex(/^v_[0-9a-f-]{36}$/),
  iat: z.number().int().positive(),
  k: z.string().max(100).optional(),
});

const sign = (body: string) => createHmac("sha256", channelSecret("visitor-token")).update(body).digest("base64url");

export const newVisitorId = () => `v_${randomUUID()}`;

/**
 * The visitor's identity, kept on their device (the widget's localStorage): account, visitor
 * id and issue time, HMAC-signed with a server key so a visitor cannot claim another's id.
 */
export function issueVisitorToken({
  accountId,
  visitorId = newVisitorId(),
  now = new Date(),
  widgetKey,
}: {
  accountId: string;
  visitorId?: string;
  now?: Date;
  widgetKey?: string;
}) {
  const claims = { v: 1, a: accountId, vid: visitorId, iat: Math.floor(now.getTime() / 1000), ...(widgetKey ? { k: widgetKey } : {}) };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { token: `${body}.${sign(body)}`, visitorId };
}

/** The identity a token carries, or null when it is forged, malformed or expired. */
export function verifyVisitorToken(token: unknown, { now = new Date() }: { now?: Date } = {}): VisitorIdentity | null {
  if (typeof token !== "string" || token.length > 1000) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined || !safeEqual(signature, sign(body))) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payload.safeParse(decoded);
  if (!parsed.success) return null;
  const issuedAt = new Date(parsed.data.iat * 1000);
  const age = now.getTime() - issuedAt.getTime();
  if (age > VISITOR_TOKEN_MAX_AGE_MS || age < -5 * 60_000) return null;
  return { accountId: parsed.data.a, visitorId: parsed.data.vid, issuedAt, ...(parsed.data.k ? { widgetKey: parsed.data.k } : {}) };
}

/** A fresh token for the same visitor once the old one is a week old, else null (keep it). */
export function refreshVisitorToken(identity: VisitorIdentity, { now = new Date() }: { now?: Date } = {}) {
  if (now.getTime() - identity.issuedAt.getTime() < VISITOR_TOKEN_REFRESH_AFTER_MS) return null;
  return issueVisitorToken({ accountId: identity.accountId, visitorId: identity.visitorId, now, widgetKey: identity.widgetKey }).token;
}
