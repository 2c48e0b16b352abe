import { and, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { invites, pendingSignUps, rateLimits } from "@/db/schema";

/** Longer than any rate-limit window (sign-in's 15 minutes; public endpoints' minute). */
export const RATE_LIMIT_ROW_TTL_MS = 24 * 3600 * 1000;
/** An expired, unused invite is kept this long (the invite page says "expired" meanwhile), then deleted. */
export const EXPIRED_INVITE_TTL_MS = 30 * 24 * 3600 * 1000;

/** Rate-limit counters whose window ended long ago: the next hit starts a fresh window anyway. */
export async function cleanupRateLimits({ db, now }: { db: Db; now: Date }) {
  const removed = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - RATE_LIMIT_ROW_TTL_MS)))
    .returning({ key: rateLimits.key });
  return { removed: removed.length };
}

/** Invites that expired unused more than 30 days ago (accepted ones stay: they record who joined how). */
export async function cleanupExpiredInvites({ db, now }: { db: Db; now: Date }) {
  const removed = await db
    .delete(invites)
    .where(and(isNull(invites.acceptedAt), lt(invites.expiresAt, new Date(now.getTime() - EXPIRED_INVITE_TTL_MS))))
    .returning({ id: invites.id });
  return { removed: removed.length };
}

/**
 * Sign-ups whose mailed link expired or was used: each holds a password hash, of someone who
 * never confirmed or whose account now has it. A late click reads the same "expired or was
 * already used" either way (lib/accounts/confirm-sign-up.ts).
 */
export async function cleanupPendingSignUps({ db, now }: { db: Db; now: Date }) {
  const removed = await db
    .delete(pendingSignUps)
    .where(or(lt(pendingSignUps.expiresAt, now), isNotNull(pendingSignUps.usedAt)))
    .returning({ id: pendingSignUps.id });
  return { removed: removed.length };
}

/**
 * Web-chat visitors marked online whose conversation has seen nothing for a day: the realtime
 * server's "vacated" webhook was lost (a restart, an outage), so the green dot would stay forever.
 */
export async function clearStaleVisitorPresence({ db, now }: { db: Db; now: Date }) {
  const cutoff = new Date(now.getTime() - 24 * 3600 * 1000);
  const rows = await db.execute(
    sql`UPDATE conversations SET visitor_online = false WHERE visitor_online AND last_message_at < ${cutoff.toISOString()}::timestamptz RETURNING id`,
  );
  return { cleared: (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).length };
}
