import PgBoss from "pg-boss";

/**
 * The job queue's tables: pg-boss keeps its own schema (`pgboss`), created and upgraded by
 * pg-boss itself, not by our drizzle migrations. It is installed with the migrations
 * (`DatabaseHandle.migrate`), so every migrated database — a test database too — can take jobs
 * from the first transaction on.
 */
export const JOB_QUEUE_SCHEMA = "pgboss";

/** How pg-boss runs its SQL: on PostgreSQL or PGlite, through our own connection. */
export type SqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

/**
 * The queues an app transaction writes jobs to. pg-boss drops a job sent to a queue that does
 * not exist, so these are created with the schema, before any transaction can send to them.
 */
export const transactionalQueues = ["deliver-message", "send-mail"] as const;

/** Parameters as both drivers take them: objects as JSON text, undefined as NULL. */
export function sqlParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return JSON.stringify(value);
  }
  return value;
}

/** Creates or upgrades pg-boss's schema and the transactional queues (idempotent). */
export async function installJobQueue(executor: SqlExecutor) {
  const boss = new PgBoss({ db: executor, schema: JOB_QUEUE_SCHEMA, supervise: false, schedule: false, migrate: true });
  await boss.start();
  try {
    for (const name of transactionalQueues) await boss.createQueue(name);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}
