import { createHmac } from "node:crypto";
import { channelSecret } from "../channel-secret";
import { safeEqual } from "../constant-time";

/** The domain of per-conversation reply addresses (INBOUND_EMAIL_DOMAIN). */
export const inboundEmailDomain = () => (process.env.INBOUND_EMAIL_DOMAIN ?? "inbound.conversations.local").toLowerCase();

const SIGNATURE_HEX = 20;
const PATTERN = /^reply\+([0-9a-f]{32})([0-9a-f]{20})@(.+)$/;

function signature(hexId: string) {
  return createHmac("sha256", channelSecret("reply-address")).update(hexId).digest("hex").slice(0, SIGNATURE_HEX);
}

/**
 * `reply+<conversation id><signature>@<domain>`: lower-case hex only, since mail systems may
 * fold the case of the local part; 59 characters, under the 64 allowed. The HMAC signature
 * means nobody can write into a conversation by guessing its id.
 */
export function replyAddressFor(conversationId: string, domain = inboundEmailDomain()): string {
  const hexId = conversationId.replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hexId)) throw new Error("A conversation id is a UUID.");
  return `reply+${hexId}${signature(hexId)}@${domain}`;
}

/** The conversation a reply address names, or null when it is not one of ours or its signature is wrong. */
export function conversationIdFromReplyAddress(address: string, domain = inboundEmailDomain()): string | null {
  const match = PATTERN.exec(address.trim().toLowerCase());
  if (!match || match[3] !== domain) return null;
  const [, hexId, given] = match;
  if (!safeEqual(given, signature(hexId))) return null;
  return `${hexId.slice(0, 8)}-${hexId.slice(8, 12)}-${hexId.slice(12, 16)}-${hexId.slice(16, 20)}-${hexId.slice(20)}`;
}
