import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { rateLimits } from "@/db/schema";

/**
 * Progressive delay instead of a lockout (rows of `rate_limits`: `count` = failures in a row,
 * `window_start` = the last failure). The first few failures are free; after that each attempt
 * must wait twice as long as the one before, up to 15 minutes — then it may try again.
 *
 * - per email + client address: the pair an attacker types from;
 * - per email from anywhere: only for addresses that never signed in to this email, so failures
 *   from elsewhere never block the right password from a known device (an address where this
 *   email signed in before).
 */
export const SIGN_IN_DELAY = {
  freePerPair: 3,
  freePerEmail: 10,
  firstDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  /** How long an address stays a known device of an email after a successful sign-in. */
  knownDeviceDays: 90,
};

const pairKey = (email: string, ip: string) => `sign-in:fail:${email}|${ip}`;
const emailKey = (email: string) => `sign-in:fail:${email}`;
const knownKey = (email: string, ip: string) => `sign-in:known:${email}|${ip}`;

export function delaySeconds(failures: number, free: number) {
  if (failures < free) return 0;
  return Math.min(SIGN_IN_DELAY.maxDelaySeconds, SIGN_IN_DELAY.firstDelaySeconds * 2 ** (failures - free));
}

/** Seconds this attempt must still wait (0: it may go ahead). */
export async function signInWait({ db, email, ip, now }: { db: Db; email: string; ip: string | null; now: Date }): Promise<number> {
  const keys = [emailKey(email), ...(ip ? [pairKey(email, ip), knownKey(email, ip)] : [])];
  const rows = new Map((await db.select().from(rateLimits).where(inArray(rateLimits.key, keys))).map((r) => [r.key, r]));
  const known = ip ? rows.get(knownKey(email, ip)) : undefined;
  const isKnown = !!known && now.getTime() - known.windowStart.getTime() < SIGN_IN_DELAY.knownDeviceDays * 86_400_000;
  const waits = [0];
  const wait = (key: string, free: number) => {
    const row = rows.get(key);
    if (!row) return;
    const until = row.windowStart.getTime() + delaySeconds(row.count, free) * 1000;
    waits.push(Math.ceil((until - now.getTime()) / 1000));
  };
  if (ip) wait(pairKey(email, ip), SIGN_IN_DELAY.freePerPair);
  if (!isKnown) wait(emailKey(email), SIGN_IN_DELAY.freePerEmail);
  return Math.max(...waits);
}

export async function recordSignInFailure({ db, email, ip, now }: { db: Db; email: string; ip: string | null; now: Date }) {
  for (const key of [emailKey(email), ...(ip ? [pairKey(email, ip)] : [])]) {
    await db
      .insert(rateLimits)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({ target: rateLimits.key, set: { count: sql`${rateLimits.count} + 1`, windowStart: now } });
  }
}

export async function recordSignInSuccess({ db, email, ip, now }: { db: Db; email: string; ip: string | null; now: Date }) {
  await db.delete(rateLimits).where(eq(rateLimits.key, emailKey(email)));
  if (!ip) return;
  await db.delete(rateLimits).where(eq(rateLimits.key, pairKey(email, ip)));
  await db
    .insert(rateLimits)
    .values({ key: knownKey(email, ip), windowStart: now, count: 1 })
    .onConflictDoUpdate({ target: rateLimits.key, set: { windowStart: now } });
}
