import PgBoss from "pg-boss";
import type { Db } from "@/db/database";
import { JOB_QUEUE_SCHEMA, transactionalQueues, type SqlExecutor } from "@/db/job-queue";
import { JOB_NOTIFY_CHANNEL } from "@/lib/job-queue/enqueue-job";
import { drizzleExecutor } from "@/lib/job-queue/sql-executor";
import { jobHandlers, type JobHandler, type QueuedJob } from "./job-handlers";
import { scheduledJobs, type ScheduledJob } from "./scheduled-jobs";

export type JobRunner = { boss: PgBoss; stop: (options?: { timeoutMs?: number }) => Promise<void> };

type Queue = keyof typeof jobHandlers;

const toQueuedJob = <T>(job: PgBoss.JobWithMetadata<T>): QueuedJob<T> => ({
  id: job.id,
  data: job.data,
  retryCount: job.retryCount,
  retryLimit: job.retryLimit,
});

/**
 * Starts pg-boss on `executeSql` — PostgreSQL through its own connections, or the app's one
 * PGlite instance (its statements then queue behind the app's transactions) — with `workers`
 * workers per queue taking one job at a time, woken by the NOTIFY a committed job sends (so a
 * send does not wait for the next poll) and by a poll as the fallback. Also schedules the
 * registered scheduled jobs. `stop` stops fetching, waits for held jobs up to the timeout, then
 * releases what is left (failed with a retry left, so another instance takes them).
 */
export async function startJobRunner({
  db,
  executeSql,
  workers = 2,
  pollingIntervalSeconds = 2,
  schedule = scheduledJobs,
  handlers = jobHandlers,
  onError = (error: unknown) => console.error("[jobs]", error),
}: {
  db: Db;
  executeSql: SqlExecutor["executeSql"];
  workers?: number;
  pollingIntervalSeconds?: number;
  schedule?: readonly ScheduledJob[];
  handlers?: { [Q in Queue]: JobHandler<any> };
  onError?: (error: unknown) => void;
}): Promise<JobRunner> {
  const boss = new PgBoss({ db: { executeSql }, schema: JOB_QUEUE_SCHEMA, migrate: true, supervise: true, schedule: schedule.length > 0 });
  boss.on("error", onError);
  await boss.start();

  const workerIds = new Map<string, string[]>();
  const work = async (name: string, handle: (job: QueuedJob<unknown>) => Promise<unknown>) => {
    const ids: string[] = [];
    for (let i = 0; i < workers; i++) {
      let id = "";
      id = await boss.work(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([job]) => {
        const result = await handle(toQueuedJob(job));
        // A job was there, so more may be: fetch again at once instead of after the poll interval.
        boss.notifyWorker(id);
        return result;
      });
      ids.push(id);
    }
    workerIds.set(name, ids);
  };

  for (const name of transactionalQueues) {
    await boss.createQueue(name);
    await work(name, (job) => handlers[name]({ db, job }));
  }
  for (const job of schedule) {
    await boss.createQueue(job.name, { name: job.name, policy: "singleton", retryLimit: 2, retryDelay: 60, retryBackoff: true });
    await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    await work(job.name, () => job.run({ db, now: new Date() }));
  }

  const unlisten = await listen(db, (queue) => workerIds.get(queue)?.forEach((id) => boss.notifyWorker(id)));

  return {
    boss,
    async stop({ timeoutMs = 20_000 } = {}) {
      await unlisten?.().catch(() => {});
      await boss.stop({ graceful: true, close: false, wait: true, timeout: timeoutMs });
    },
  };
}

/** LISTEN on the driver underneath Drizzle (postgres-js or PGlite), as the realtime dispatcher does. */
async function listen(db: Db, onNotify: (payload: string) => void): Promise<(() => Promise<void>) | null> {
  const client = (db as unknown as { $client?: { listen?: (channel: string, cb: (payload: string) => void) => Promise<unknown> } }).$client;
  if (typeof client?.listen !== "function") return null;
  const handle = await client.listen(JOB_NOTIFY_CHANNEL, onNotify);
  if (typeof handle === "function") return handle as () => Promise<void>;
  const meta = handle as { unlisten?: () => Promise<void> };
  return meta.unlisten ? () => meta.unlisten!() : null;
}

/**
 * Runs every job that is due now, in this call, until none is left — the runner's work without
 * its timers (a deterministic "start the worker" for tests and scripts). Returns how many ran.
 */
export async function runQueuedJobs({
  db,
  queues = transactionalQueues,
  handlers = jobHandlers,
}: {
  db: Db;
  queues?: readonly Queue[];
  handlers?: { [Q in Queue]: JobHandler<any> };
}): Promise<number> {
  const boss = new PgBoss({ db: drizzleExecutor(db), schema: JOB_QUEUE_SCHEMA });
  let ran = 0;
  for (let found = true; found; ) {
    found = false;
    for (const name of queues) {
      const [job] = await boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true });
      if (!job) continue;
      found = true;
      ran++;
      try {
        const output = await handlers[name]({ db, job: toQueuedJob(job) });
        await boss.complete(name, job.id, output && typeof output === "object" ? (output as object) : undefined);
      } catch (error) {
        await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return ran;
}
