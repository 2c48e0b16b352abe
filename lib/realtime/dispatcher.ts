import { inArray, sql, type SQL } from "drizzle-orm";
import type Pusher from "pusher";
import type { Db } from "@/db/database";
import { events } from "@/db/schema";
import { OUTBOX_NOTIFY_CHANNEL } from "./outbox";

/** The pusher SDK's batch trigger: all the dispatcher needs. */
export type Publisher = Pick<Pusher, "triggerBatch">;

/** What a client receives for every outbox event (Pusher event name = type). */
export type PublishedEventData = { seq: number; type: string; payload: unknown };

const PUSHER_BATCH_LIMIT = 10;
/** Namespace of the per-account advisory lock that keeps one publisher per account at a time. */
const DISPATCH_LOCK_CLASS = 0x7265_616c; // "real"

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

async function triggerInOrder(pusher: Publisher, rows: RawEventRow[]) {
  for (let i = 0; i < rows.length; i += PUSHER_BATCH_LIMIT) {
    const chunk = rows.slice(i, i + PUSHER_BATCH_LIMIT);
    await pusher.triggerBatch(
      chunk.map((e) => ({
        channel: e.channel,
        name: e.type,
        data: { seq: Number(e.seq), type: e.type, payload: e.payload } satisfies PublishedEventData,
      })),
    );
  }
}

/**
 * Publishes one account's next unpublished events, in seq order, then marks them published.
 * One publisher per account at a time keeps per-account order (clients rely on it); other
 * accounts go on in parallel. A crash after publishing but before marking republishes them:
 * at least once, clients dedupe by seq.
 *
 * Across processes (PostgreSQL) the exclusion is a transaction-scoped advisory lock, held
 * while publishing. With `singleProcess` (PGlite: only the process that opened the database can
 * reach it) it is an in-process lock instead, and no transaction spans the HTTP publish:
 * PGlite runs one statement at a time, and an open transaction there makes every command of
 * the process wait for the realtime server's answer.
 */
export async function dispatchAccount({
  db,
  pusher,
  accountId,
  batchSize = 100,
  singleProcess = false,
}: {
  db: Db;
  pusher: Publisher;
  accountId: string;
  batchSize?: number;
  singleProcess?: boolean;
}) {
  if (singleProcess) return dispatchInProcess({ db, pusher, accountId, batchSize });
  return db.transaction(async (tx) => {
    // The account's lock first, evaluated once (a MATERIALIZED CTE) before any row is claimed:
    // evaluated row by row inside the claiming scan, a second instance could win it half-way
    // through (when the first committed) and publish later events before earlier ones.
    // Lock and claim in one round trip.
    const rows = await rowsOf<RawEventRow>(
      tx,
      sql`WITH lock AS MATERIALIZED (
            SELECT pg_try_advisory_xact_lock(${DISPATCH_LOCK_CLASS}, hashtext(${accountId})) AS locked
          )
          SELECT e.id, e.seq, e.channel, e.type, e.payload
          FROM ${events} e
          WHERE (SELECT locked FROM lock) AND e.account_id = ${accountId}::uuid AND e.published_at IS NULL
          ORDER BY e.seq
          LIMIT ${batchSize}
          FOR UPDATE OF e SKIP LOCKED`,
    );
    if (rows.length === 0) return 0;
    await triggerInOrder(pusher, rows);
    await markPublished(tx, rows);
    return rows.length;
  });
}

type RawEventRow = { id: number | string; seq: number | string; channel: string; type: string; payload: unknown };

async function markPublished(db: Db, rows: RawEventRow[]) {
  await db
    .update(events)
    .set({ publishedAt: sql`now()` })
    .where(
      inArray(
        events.id,
        rows.map((r) => Number(r.id)),
      ),
    );
}

/** Accounts being published by this process, per database (the in-process lock). */
const publishing = new WeakMap<object, Set<string>>();

async function dispatchInProcess({ db, pusher, accountId, batchSize }: { db: Db; pusher: Publisher; accountId: string; batchSize: number }) {
  const key = (db as unknown as { $client?: object }).$client ?? db;
  let held = publishing.get(key);
  if (!held) publishing.set(key, (held = new Set()));
  if (held.has(accountId)) return 0;
  held.add(accountId);
  try {
    const rows = await rowsOf<RawEventRow>(
      db,
      sql`SELECT e.id, e.seq, e.channel, e.type, e.payload FROM ${events} e
          WHERE e.account_id = ${accountId}::uuid AND e.published_at IS NULL
          ORDER BY e.seq LIMIT ${batchSize}`,
    );
    if (rows.length === 0) return 0;
    await triggerInOrder(pusher, rows);
    await markPublished(db, rows);
    return rows.length;
  } finally {
    held.delete(accountId);
  }
}

/** Accounts that have unpublished events (what the poll scans for). */
async function accountsWithPendingEvents(db: Db, limit: number) {
  const rows = await rowsOf<{ account_id: string }>(
    db,
    sql`SELECT DISTINCT ${events.accountId} AS account_id FROM ${events} WHERE ${events.publishedAt} IS NULL LIMIT ${limit}`,
  );
  return rows.map((r) => r.account_id);
}

type Unlisten = () => Promise<void>;

/** LISTEN on the driver underneath Drizzle (postgres-js or PGlite); null when it cannot. */
async function listen(db: Db, onNotify: (payload: string) => void): Promise<Unlisten | null> {
  const client = (db as unknown as { $client?: { listen?: (channel: string, cb: (payload: string) => void) => Promise<unknown> } })
    .$client;
  if (typeof client?.listen !== "function") return null;
  const handle = await client.listen(OUTBOX_NOTIFY_CHANNEL, onNotify);
  if (typeof handle === "function") return () => (handle as () => Promise<void>)();
  const meta = handle as { unlisten?: () => Promise<void> };
  return meta.unlisten ? () => meta.unlisten!() : null;
}

/**
 * Runs the outbox dispatcher: woken by NOTIFY from `recordEvents` on commit, and by a short poll
 * as a fallback (missed notifications, events left by a crashed instance, Pusher outages).
 * Safe to run in every app instance at once.
 */
export function startDispatcher({
  db,
  pusher,
  pollMs = 1000,
  batchSize = 100,
  singleProcess = false,
  onError = (error: unknown) => console.error("[realtime] dispatch failed:", error),
}: {
  db: Db;
  pusher?: Publisher;
  pollMs?: number;
  batchSize?: number;
  /** True when no other process can reach the database (PGlite); see `dispatchAccount`. */
  singleProcess?: boolean;
  onError?: (error: unknown) => void;
}) {
  let stopped = false;
  let scanAll = true;
  const pendingAccounts = new Set<string>();
  let running: Promise<void> | null = null;
  let unlisten: Unlisten | null = null;
  let publisher = pusher;

  async function run() {
    publisher ??= (await import("./config")).getPusher();
    while (!stopped && (scanAll || pendingAccounts.size > 0)) {
      if (scanAll) {
        scanAll = false;
        for (const accountId of await accountsWithPendingEvents(db, 50)) pendingAccounts.add(accountId);
      }
      const accounts = [...pendingAccounts];
      pendingAccounts.clear();
      const counts = await Promise.all(
        accounts.map((accountId) => dispatchAccount({ db, pusher: publisher!, accountId, batchSize, singleProcess })),
      );
      // A full batch means more may be waiting for that account.
      accounts.forEach((accountId, i) => counts[i] === batchSize && pendingAccounts.add(accountId));
    }
  }

  /** NOTIFY names the account; the poll (no account) rescans every account. */
  function wake(accountId?: string) {
    if (stopped) return;
    if (accountId) pendingAccounts.add(accountId);
    else scanAll = true;
    if (running) return;
    let failed = false;
    running = run()
      .catch((error) => {
        failed = true;
        if (!stopped) onError(error);
      })
      .finally(() => {
        running = null;
        // After a failure the poll retries; otherwise pick up what was notified meanwhile.
        if (!failed && !stopped && pendingAccounts.size > 0) wake(pendingAccounts.values().next().value);
      });
  }

  const timer = setInterval(() => wake(), pollMs);
  timer.unref?.();
  const listening = listen(db, (payload) => wake(payload || undefined))
    .then((u) => {
      unlisten = u;
      if (stopped) void u?.();
    })
    .catch(onError);
  wake();

  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listening;
      await unlisten?.().catch(() => {});
      await running;
    },
  };
}
