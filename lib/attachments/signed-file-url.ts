import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

export type FileVariant = "original" | "thumbnail";

/** How long a visitor's link works: the widget fetches fresh ones whenever it reloads the conversation. */
export const VISITOR_LINK_SECONDS = 15 * 60;
/** How long a provider (the SMS provider fetching MMS media) has to fetch a file. */
export const PROVIDER_LINK_SECONDS = 60 * 60;

const key = () => createHmac("sha256", authSecret()).update("conversations:files:signed-download").digest();
const signatureOf = (attachmentId: string, variant: FileVariant, expires: number) =>
  createHmac("sha256", key()).update(`${attachmentId}:${variant}:${expires}`).digest("base64url");

/** A path (`/api/files/…?expires=…&signature=…`) that opens one file without a session until it expires. */
export function signedFilePath({ attachmentId, variant = "original", expiresInSeconds, now = new Date() }: { attachmentId: string; variant?: FileVariant; expiresInSeconds: number; now?: Date }): string {
  const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
  const query = new URLSearchParams({ ...(variant === "thumbnail" ? { variant } : {}), expires: String(expires), signature: signatureOf(attachmentId, variant, expires) });
  return `/api/files/${attachmentId}?${query}`;
}

/** The seconds a signed link has left, or null when it is forged, for another file or variant, or expired. */
export function verifySignedFile({
  attachmentId,
  variant,
  expires,
  signature,
  now = new Date(),
}: {
  attachmentId: string;
  variant: FileVariant;
  expires: string | null;
  signature: string | null;
  now?: Date;
}): number | null {
  if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return null;
  const expected = Buffer.from(signatureOf(attachmentId, variant, Number(expires)));
  const given = Buffer.from(signature);
  // Signatures have one length, so comparing lengths first tells an attacker nothing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const left = Number(expires) - Math.floor(now.getTime() / 1000);
  return left > 0 ? left : null;
}
