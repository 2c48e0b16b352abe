import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, events } from "@/db/schema";

export const MAX_EVENT_PAYLOAD_BYTES = 10_000;
/** NOTIFY channel that wakes the dispatchers when events commit (delivered only on commit). */
export const OUTBOX_NOTIFY_CHANNEL = "conversations_outbox";

export { accountChannel, userChannel } from "./channels";

export type NewEvent = {
  accountId: string;
  channel: string;
  type: string;
  payload: Record<string, unknown>;
};

/**
 * Records events in the caller's transaction. Call it last in a command's transaction:
 * it locks the account row to hand out consecutive per-account numbers.
 */
export async function recordEvents({ tx, events: list }: { tx: Db; events: NewEvent[] }) {
  if (list.length === 0) return [];
  const byAccount = new Map<string, NewEvent[]>();
  for (const e of list) {
    if (Buffer.byteLength(JSON.stringify(e.payload)) > MAX_EVENT_PAYLOAD_BYTES) {
      throw new Error(`Event ${e.type} payload exceeds ${MAX_EVENT_PAYLOAD_BYTES} bytes; send ids and let clients refetch.`);
    }
    byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e]);
  }
  const written: { id: number; seq: number }[] = [];
  for (const [accountId, accountEvents] of byAccount) {
    const [row] = await tx
      .update(accounts)
      .set({ lastEventSeq: sql`${accounts.lastEventSeq} + ${accountEvents.length}` })
      .where(eq(accounts.id, accountId))
      // NOTIFY (delivered on commit) wakes the dispatchers for this account; riding on this
      // statement saves a round trip on every command.
      .returning({ last: accounts.lastEventSeq, notified: sql`pg_notify(${OUTBOX_NOTIFY_CHANNEL}, ${accountId})` });
    const first = row.last - accountEvents.length + 1;
    const rows = await tx
      .insert(events)
      .values(accountEvents.map((e, i) => ({ ...e, seq: first + i })))
      .returning({ id: events.id, seq: events.seq });
    written.push(...rows);
  }
  return written;
}

export function recordEvent({ tx, event }: { tx: Db; event: NewEvent }) {
  return recordEvents({ tx, events: [event] });
}
