import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { openDatabase, type DatabaseHandle, type Db } from "./database";
import { JOB_QUEUE_SCHEMA } from "./job-queue";
import { withDatabase } from "./test-global-setup";

let counter = 0;

/**
 * A clean database for every test: PGlite in memory by default, or a private copy of the
 * migrated template on the PostgreSQL server at DATABASE_URL. Every table is emptied before
 * each test. `poolSize` matters only on PostgreSQL (for tests that race transactions).
 */
export function useTestDatabase(options: { poolSize?: number } = {}) {
  let handle: DatabaseHandle;
  let dropDatabase: (() => Promise<void>) | undefined;
  let tables: string[] = [];

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      const name = `conv_t_${process.ppid}_${process.pid}_${Date.now()}_${counter++}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
      await admin.end();
      handle = await openDatabase({ url: withDatabase(url, name), poolSize: options.poolSize ?? 25 });
      dropDatabase = async () => {
        const again = postgres(url, { max: 1, onnotice: () => {} });
        await again.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await again.end();
      };
    } else {
      const snapshot = new Blob([await readFile(inject("pgliteTemplate"))]);
      handle = await openDatabase({ url: "", dataDir: "memory://", snapshot });
    }
    const rows = await rowsOf<{ tablename: string }>(
      handle.db,
      sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    tables = rows.map((r) => r.tablename);
  });

  beforeEach(async () => {
    if (tables.length === 0) return;
    // The job queue's tables too (pg-boss's own schema): a test starts with no jobs.
    const list = [...tables.map((t) => `"${t}"`), `${JOB_QUEUE_SCHEMA}.job`, `${JOB_QUEUE_SCHEMA}.archive`, `${JOB_QUEUE_SCHEMA}.schedule`].join(", ");
    await handle.db.execute(sql.raw(`TRUNCATE ${list} RESTART IDENTITY CASCADE`));
  });

  afterAll(async () => {
    await handle?.close();
    await dropDatabase?.();
  });

  return {
    get db(): Db {
      return handle.db;
    },
    get kind() {
      return handle.kind;
    },
    /** The handle, for what needs more than Drizzle (the job runner's SQL executor). */
    get handle(): DatabaseHandle {
      return handle;
    },
  };
}

/** Rows of a raw query on either driver (postgres-js returns an array, PGlite `{ rows }`). */
export async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
