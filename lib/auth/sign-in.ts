import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { users } from "@/db/schema";
import { emailSchema } from "./person-fields";
import { verifyAgainstNobody, verifyPassword } from "./passwords";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { recordSignInFailure, recordSignInSuccess, signInWait } from "./sign-in-delay";

// Per-IP is configurable for setups where many people share one address (an office NAT, or the
// end-to-end tests, whose every browser signs in from 127.0.0.1).
// Per email there is no hard limit any more, only a progressive delay (./sign-in-delay.ts).
export const SIGN_IN_LIMITS = {
  perIp: { limit: Number(process.env.SIGN_IN_LIMIT_PER_IP) || 30, windowSeconds: 15 * 60 },
};

export type SignInFailure = "invalid_input" | "wrong_credentials" | "rate_limited";

export const signInMessages: Record<SignInFailure, string> = {
  invalid_input: "Enter your email address and password.",
  wrong_credentials: "That email and password don't match. Check them and try again.",
  rate_limited: "Too many sign-in attempts. Wait a few minutes, then try again.",
};

const signInInput = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

/**
 * Checks credentials. Each client address has a budget across emails; per email, failures slow
 * down further attempts progressively (per email + address, and per email from addresses where
 * it never signed in) — never a lockout of the right password from a known device.
 */
export async function checkSignIn({
  db,
  input,
  ip,
  now = new Date(),
}: {
  db: Db;
  input: unknown;
  ip: string | null;
  now?: Date;
}): Promise<{ ok: true; userId: string; accountId: string; sessionVersion: number } | { ok: false; reason: SignInFailure }> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid_input" };
  const { email, password } = parsed.data;

  const byIp = ip ? await hitRateLimit({ db, key: `sign-in:ip:${ip}`, ...SIGN_IN_LIMITS.perIp, now }) : { allowed: true };
  if (!byIp.allowed) return { ok: false, reason: "rate_limited" };
  if ((await signInWait({ db, email, ip, now })) > 0) return { ok: false, reason: "rate_limited" };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const matches = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNobody(password);
  if (!user || !matches) {
    await recordSignInFailure({ db, email, ip, now });
    return { ok: false, reason: "wrong_credentials" };
  }
  // Success clears the failures and makes this address a known device of the email.
  await recordSignInSuccess({ db, email, ip, now });
  return { ok: true, userId: user.id, accountId: user.accountId, sessionVersion: user.sessionVersion };
}
