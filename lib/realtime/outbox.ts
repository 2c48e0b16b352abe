import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, events } from "@/db/schema";
import type { NewEvent } from "./events";

export const MAX_EVENT_PAYLOAD_BYTES = 10_000;
/** NOTIFY channel that wakes the dispatchers when events commit (delivered only on commit). */
export const OUTBOX_NOTIFY_CHANNEL = "conversations_outbox";

/**
 * Records events, built through `./events`, in the caller's transaction. Call it last in a
 * command's transaction: it locks the account row to hand out consecutive per-account numbers.
 * Each event's realtime channel is stored in the `events.channel` column.
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
    // One statement: number the events under the account row's lock, insert them, and NOTIFY
    // (delivered on commit) the dispatchers. The lock is held from here to commit, so the
    // fewer round trips after it, the more commands per second one account can take.
    const n = accountEvents.length;
    const stored = accountEvents.map((e) => ({ channel: e.realtimeChannel, type: e.type, payload: e.payload }));
    const rows = await rowsOf<{ id: string | number; seq: string | number }>(
      tx,
      sql`WITH bumped AS (
            UPDATE ${accounts} SET last_event_seq = last_event_seq + ${n}::int
            WHERE id = ${accountId}::uuid
            RETURNING last_event_seq - ${n}::int AS base, pg_notify(${OUTBOX_NOTIFY_CHANNEL}, ${accountId}::text) AS notified
          )
          INSERT INTO ${events} (account_id, seq, channel, type, payload)
          SELECT ${accountId}::uuid, bumped.base + e.ord, e.channel, e.type, e.payload
          FROM bumped,
               ROWS FROM (jsonb_to_recordset(${JSON.stringify(stored)}::jsonb) AS (channel text, type text, payload jsonb))
                 WITH ORDINALITY AS e(channel, type, payload, ord)
          RETURNING id, seq`,
    );
    if (rows.length !== n) throw new Error(`Account ${accountId} not found; no events recorded.`);
    written.push(...rows.map((r) => ({ id: Number(r.id), seq: Number(r.seq) })).sort((a, b) => a.seq - b.seq));
  }
  return written;
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export function recordEvent({ tx, event }: { tx: Db; event: NewEvent }) {
  return recordEvents({ tx, events: [event] });
}
