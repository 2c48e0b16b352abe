import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, events } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { accountChannel, userChannel } from "@/lib/realtime/outbox";

export type InboxEvent = { seq: number; type: string; channel: string; payload: Record<string, unknown> };

/**
 * The outbox events after `afterSeq` that this actor may see (their account's channel and their
 * own user channel). Used by the inbox's polling fallback until the realtime provider is wired
 * in; the same events then arrive over Pusher. `afterSeq` null returns only the current head.
 */
export async function inboxEventsAfter({
  db,
  actor,
  afterSeq,
  limit = 200,
}: {
  db: Db;
  actor: Actor;
  afterSeq: number | null;
  limit?: number;
}): Promise<{ head: number; events: InboxEvent[]; hasMore: boolean }> {
  requirePermission(actor, "inbox.view");
  const [row] = await db.select({ head: accounts.lastEventSeq }).from(accounts).where(eq(accounts.id, actor.accountId));
  const head = row?.head ?? 0;
  if (afterSeq === null || afterSeq >= head) return { head, events: [], hasMore: false };
  const rows = await db
    .select({ seq: events.seq, type: events.type, channel: events.channel, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.accountId, actor.accountId),
        gt(events.seq, afterSeq),
        inArray(events.channel, [accountChannel(actor.accountId), userChannel(actor.userId)]),
      ),
    )
    .orderBy(asc(events.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
  return { head: rows.length > limit ? page.at(-1)!.seq : head, events: page, hasMore: rows.length > limit };
}
