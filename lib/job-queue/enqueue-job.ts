import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Db } from "@/db/database";
import { JOB_QUEUE_SCHEMA, type transactionalQueues } from "@/db/job-queue";
import { drizzleExecutor } from "./sql-executor";

export type TransactionalQueue = (typeof transactionalQueues)[number];

/** Runners LISTEN on this: a committed job wakes them at once instead of at their next poll. */
export const JOB_NOTIFY_CHANNEL = "job_queue";

export type EnqueueOptions = Omit<PgBoss.SendOptions, "db">;

// Only builds SQL: every send passes the transaction it belongs to as `db`.
const sender = new PgBoss({
  schema: JOB_QUEUE_SCHEMA,
  db: { executeSql: () => Promise.reject(new Error("A job is sent through the transaction it belongs to.")) },
});

/**
 * Writes a job in `tx`: it exists if and only if the transaction commits, so a crash after the
 * commit leaves it for a runner, and a rollback leaves nothing to send.
 */
export async function enqueueJob(tx: Db, name: TransactionalQueue, data: object, options: EnqueueOptions = {}): Promise<string> {
  const id = await sender.send(name, data, { ...options, db: drizzleExecutor(tx) });
  if (!id) throw new Error(`The job queue "${name}" is missing: run the migrations (npm run db:migrate).`);
  await tx.execute(sql`SELECT pg_notify(${JOB_NOTIFY_CHANNEL}, ${name})`);
  return id;
}
