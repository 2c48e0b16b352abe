import { PROVIDER_LINK_SECONDS, signedFilePath } from "./signed-file-url";

/**
 * An absolute signed link a provider fetches a file by (the SMS provider's MMS media), on the
 * app's public address (APP_URL, which `npm start` sets from PORT when not configured).
 */
export function providerFileUrl(attachmentId: string, env: Record<string, string | undefined> = process.env, now = new Date()): string {
  const base = (env.APP_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, "");
  return `${base}${signedFilePath({ attachmentId, expiresInSeconds: PROVIDER_LINK_SECONDS, now })}`;
}
