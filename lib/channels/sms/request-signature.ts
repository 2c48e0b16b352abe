import { createHmac } from "node:crypto";
import { safeEqual } from "../constant-time";

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the auth token, over the full
 * request URL followed by every POST parameter name and value, sorted by name.
 */
export function smsRequestSignature(url: string, params: Record<string, string>, authToken: string): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

export function verifySmsRequestSignature({
  url,
  params,
  signature,
  authToken,
}: {
  url: string;
  params: Record<string, string>;
  signature: string | null;
  authToken: string | undefined;
}): boolean {
  if (!signature || !authToken) return false;
  return safeEqual(signature.trim(), smsRequestSignature(url, params, authToken));
}
