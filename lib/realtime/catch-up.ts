import { and, asc, eq, gt, inArray, lte, max } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { accounts, events } from "@/db/schema";
import { can, ForbiddenError, permissionsOf, type Actor } from "@/lib/access/permissions";
import { fromZodError, type Result } from "@/lib/result";
import type { SequencedEvent } from "./events";
import { accountChannel, adminsChannel, userChannel } from "./realtime-channel-names";

/**
 * A page of catch-up. `head` is the account's last seq when the page was read: once a client has
 * applied a page with `hasMore: false` it has seen every event up to `head` that it may see.
 */
export type CatchUpPage = { events: SequencedEvent[]; head: number; hasMore: boolean };

export const catchUpInput = z.object({
  afterSeq: z.coerce.number({ error: "after must be a number." }).int("after must be a whole number.").min(0, "after must be 0 or more."),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/**
 * The realtime channels an actor's browser subscribes to and may read back — the same grants as
 * authorizeChannel. SPEC §2: No access sees nothing of Conversations, so a "No access" user has
 * none, except that an admin keeps the admins' channel (settings events only, decision 0050).
 */
export function visibleRealtimeChannels(actor: Actor) {
  const channels: string[] = [];
  if (can(actor, "inbox.view")) channels.push(accountChannel(actor.accountId));
  if (can(actor, "inbox.view") || can(actor, "notifications.receive")) channels.push(userChannel(actor.userId));
  if (can(actor, "settings.receiveEvents")) channels.push(adminsChannel(actor.accountId));
  return channels;
}

function requireSomeChannel(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor || visibleRealtimeChannels(actor).length === 0) throw new ForbiddenError("inbox.view");
}

/**
 * The account's current event number: a page renders its data, then the client resumes after it.
 * Without the inbox it is the last event the actor may see, so the number tells a "No access"
 * admin nothing about the inbox's activity (every smaller seq has committed: seqs commit in order).
 */
export async function currentEventSeq({ db, actor }: { db: Db; actor: Actor | null }) {
  requireSomeChannel(actor);
  if (permissionsOf(actor).has("inbox.view")) {
    const [row] = await db.select({ head: accounts.lastEventSeq }).from(accounts).where(eq(accounts.id, actor.accountId));
    return row?.head ?? 0;
  }
  const [row] = await db
    .select({ head: max(events.seq) })
    .from(events)
    .where(and(eq(events.accountId, actor.accountId), inArray(events.channel, visibleRealtimeChannels(actor))));
  return Number(row?.head ?? 0);
}

/** The events after `afterSeq` that this actor may see, in seq order. */
export async function eventsAfter({
  db,
  actor,
  afterSeq: rawAfterSeq,
  limit: rawLimit,
}: {
  db: Db;
  actor: Actor | null;
  /** Numbers, or strings straight from a query string; validated here. */
  afterSeq: unknown;
  limit?: unknown;
}): Promise<Result<CatchUpPage>> {
  requireSomeChannel(actor);
  const parsed = catchUpInput.safeParse({ afterSeq: rawAfterSeq, limit: rawLimit });
  if (!parsed.success) return fromZodError(parsed.error);
  const { afterSeq, limit } = parsed.data;
  // Head first: every event up to it has committed (seq is handed out under the account row lock),
  // so reading events up to head afterwards misses none.
  const head = await currentEventSeq({ db, actor });
  const rows = await db
    .select({ seq: events.seq, type: events.type, realtimeChannel: events.channel, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.accountId, actor.accountId),
        gt(events.seq, afterSeq),
        lte(events.seq, head),
        inArray(events.channel, visibleRealtimeChannels(actor)),
      ),
    )
    .orderBy(asc(events.seq))
    .limit(limit + 1);
  const hasMore = rows.length > limit;
  return { ok: true, value: { events: hasMore ? rows.slice(0, limit) : rows, head, hasMore } };
}
