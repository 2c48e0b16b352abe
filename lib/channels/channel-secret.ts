import { createHmac } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * A key for one purpose (reply addresses, visitor tokens, …), derived from AUTH_SECRET so a
 * fresh clone needs no extra configuration and a leak of one derived key exposes no other.
 */
export function channelSecret(purpose: string): Buffer {
  return createHmac("sha256", authSecret()).update(`conversations:channels:${purpose}`).digest();
}
