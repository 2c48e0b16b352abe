import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { rateLimits, users } from "@/db/schema";
import { emailSchema } from "./person-fields";
import { verifyAgainstNobody, verifyPassword } from "./passwords";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";

// Per-IP is configurable for setups where many people share one address (an office NAT, or the
// end-to-end tests, whose every browser signs in from 127.0.0.1).
export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: Number(process.env.SIGN_IN_LIMIT_PER_IP) || 30, windowSeconds: 15 * 60 },
};

export type SignInFailure = "invalid_input" | "wrong_credentials" | "rate_limited";

export const signInMessages: Record<SignInFailure, string> = {
  invalid_input: "Enter your email address and password.",
  wrong_credentials: "That email and password don't match. Check them and try again.",
  rate_limited: "Too many sign-in attempts. Wait a few minutes, then try again.",
};

const signInInput = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

/** Checks credentials, counting every attempt against the email and the client's IP. */
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
}): Promise<{ ok: true; userId: string; accountId: string } | { ok: false; reason: SignInFailure }> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid_input" };
  const { email, password } = parsed.data;

  const byEmail = await hitRateLimit({ db, key: `sign-in:email:${email}`, ...SIGN_IN_LIMITS.perEmail, now });
  const byIp = ip ? await hitRateLimit({ db, key: `sign-in:ip:${ip}`, ...SIGN_IN_LIMITS.perIp, now }) : { allowed: true };
  if (!byEmail.allowed || !byIp.allowed) return { ok: false, reason: "rate_limited" };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const matches = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNobody(password);
  if (!user || !matches) return { ok: false, reason: "wrong_credentials" };
  // A successful sign-in clears the email's counter: the limit is on guessing, not on signing in often.
  await db.delete(rateLimits).where(eq(rateLimits.key, `sign-in:email:${email}`));
  return { ok: true, userId: user.id, accountId: user.accountId };
}
