/**
 * Delivery benchmark (issue 14): the job queue on PostgreSQL (a throwaway database on the server at
 * DATABASE_URL) and on the embedded PGlite (in memory), each with the job runner as the app runs it.
 *
 * - jobs/s: N conversations are started (each writes its message and its deliver-message job in one
 *   transaction) with no runner; then a runner starts and drains them. Next to it, the floor: a
 *   bare table used as a queue (claim one row with FOR UPDATE SKIP LOCKED, delete it) on the same
 *   database, one row per round trip.
 * - commit → send latency p50/p99: with the runner running, replies are sent one after another;
 *   the time from the command's return (committed) to the provider call. Next to it, the floor:
 *   commit → NOTIFY received by a LISTEN on the same database (the wake-up the runner rides on).
 * The provider is a no-op, so the numbers are the queue's, not a mailbox's.
 *
 *   npm run bench:delivery     (BENCH_JOBS, BENCH_LATENCY_RUNS scale it; BENCH_MODES=pglite to skip PostgreSQL)
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../db/database";
import { withDatabase } from "../db/test-global-setup";
import { runDeliverMessageJob } from "../lib/channels/delivery/deliver-outbound";
import { createDeliveryAccount } from "../lib/delivery/delivery.fixtures";
import { reply } from "../lib/inbox/reply";
import { startConversation } from "../lib/inbox/start-conversation";
import { jobHandlers } from "../lib/jobs/job-handlers";
import { startJobRunner } from "../lib/jobs/job-runner";

const JOBS = Number(process.env.BENCH_JOBS ?? 300);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 100);
const modes = (process.env.BENCH_MODES ?? "pglite,postgres").split(",");
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function measure(kind: "pglite" | "postgres", handle: DatabaseHandle) {
  const db = handle.db;
  await handle.migrate();
  const a = await createDeliveryAccount(db);

  // A no-op provider: the queue's cost only. `sentAt` notes when each message reached "the provider".
  const sentAt = new Map<number, number>();
  const handlers = {
    ...jobHandlers,
    "deliver-message": ({ db, job }) =>
      runDeliverMessageJob({
        db,
        job: job.data,
        attempt: job,
        send: async (_db, message) => {
          sentAt.set(message.id, performance.now());
          return { providerMessageId: null, from: null, to: null };
        },
      }),
  } satisfies typeof jobHandlers;

  // Throughput: JOBS jobs committed with no runner, then drained.
  const conversationIds: string[] = [];
  for (let i = 0; i < JOBS; i++) {
    const started = await startConversation({ db, actor: a.alice, input: { contactId: a.contact.id, channel: "email", body: `Bench ${i}` } });
    if (!started.ok) throw new Error(started.error);
    conversationIds.push(started.value.conversationId);
  }
  const t0 = performance.now();
  const runner = await startJobRunner({ db, executeSql: handle.executeSql, workers: kind === "postgres" ? 4 : 2, pollingIntervalSeconds: 0.5, schedule: [], handlers, onError: () => {} });
  while (sentAt.size < JOBS) await new Promise((r) => setTimeout(r, 5));
  const drainSeconds = (performance.now() - t0) / 1000;

  // Floor: a bare table as a queue, one claim-and-delete per round trip.
  await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_bare_queue (id bigserial PRIMARY KEY, payload jsonb NOT NULL)`);
  await db.execute(sql`INSERT INTO bench_bare_queue (payload) SELECT jsonb_build_object('n', g) FROM generate_series(1, ${JOBS}::int) g`);
  const f0 = performance.now();
  for (let i = 0; i < JOBS; i++) {
    await db.execute(sql`DELETE FROM bench_bare_queue WHERE id = (SELECT id FROM bench_bare_queue ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING payload`);
  }
  const floorSeconds = (performance.now() - f0) / 1000;

  // Latency: commit (the command returned) → provider call, with the runner running.
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const sent = await reply({ db, actor: a.alice, input: { conversationId: conversationIds[i % conversationIds.length], channel: "email", body: `Latency ${i}` } });
    const committed = performance.now();
    if (!sent.ok) throw new Error(sent.error);
    while (!sentAt.has(sent.value.messageId)) await new Promise((r) => setImmediate(r));
    latencies.push(sentAt.get(sent.value.messageId)! - committed);
  }
  await runner.stop({ timeoutMs: 2_000 });

  // Floor: commit → NOTIFY received.
  const client = (db as unknown as { $client: { listen: (c: string, cb: (p: string) => void) => Promise<unknown> } }).$client;
  let received: ((p: string) => void) | null = null;
  const listening = await client.listen("bench_floor", (p) => received?.(p));
  const floors: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const got = new Promise<number>((resolve) => (received = () => resolve(performance.now())));
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_notify('bench_floor', ${String(i)})`);
    });
    const committed = performance.now();
    floors.push(Math.max(0, (await got) - committed)); // PGlite delivers NOTIFY in-process, before the commit returns
  }
  const unlisten = (listening as { unlisten?: () => Promise<void> }).unlisten ?? (typeof listening === "function" ? (listening as () => Promise<void>) : null);
  await unlisten?.();

  console.log(`\n${kind}`);
  console.log(`  jobs/s through the queue (${JOBS} deliveries): ${(JOBS / drainSeconds).toFixed(0)}   floor (bare SKIP LOCKED table, 1 row/round trip): ${(JOBS / floorSeconds).toFixed(0)}`);
  console.log(`  commit → send (${LATENCY_RUNS} replies): p50 ${ms(pct(latencies, 50))}  p99 ${ms(pct(latencies, 99))}   floor (commit → NOTIFY received): p50 ${ms(pct(floors, 50))}  p99 ${ms(pct(floors, 99))}`);
}

for (const kind of modes) {
  if (kind === "pglite") {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    try {
      await measure("pglite", handle);
    } finally {
      await handle.close();
    }
  } else if (kind === "postgres") {
    const name = `conv_bench_delivery_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const handle = await openDatabase({ url: withDatabase(url, name), poolSize: 10 });
    try {
      await measure("postgres", handle);
    } finally {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
}
process.exit(0);
