import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { installJobQueue, sqlParameter, type SqlExecutor } from "./job-queue";
import * as schema from "./schema";

/** A Drizzle database or transaction over our schema, on PGlite or PostgreSQL alike. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Drizzle's migrations, then the job queue's own schema (pg-boss). */
  migrate: () => Promise<void>;
  /** Raw SQL on this handle's own connection(s), for pg-boss: with PGlite, the one instance the app uses. */
  executeSql: SqlExecutor["executeSql"];
  /** PGlite only: the data folder as a tarball, for `openDatabase({ snapshot })`. */
  dump?: () => Promise<Blob | File>;
  close: () => Promise<void>;
};

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function defaultPgliteDir() {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/**
 * Opens the database the environment names: PostgreSQL at DATABASE_URL, else embedded
 * PGlite in `dataDir` (a folder, or "memory://" for a throwaway in-memory database). A memory
 * database can start from `snapshot`, a data folder dumped by a handle's `dump()` (it skips initdb and
 * the migrations: the tests' per-file set-up).
 */
export async function openDatabase(
  options: { url?: string; dataDir?: string; poolSize?: number; snapshot?: Blob } = {},
): Promise<DatabaseHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(url, { max: options.poolSize ?? 10, onnotice: () => {} });
    const db = drizzle(client, { schema });
    const executeSql = async (text: string, values?: unknown[]) => {
      if (values?.length) return { rows: [...(await client.unsafe(text, values.map(sqlParameter) as never[]))] };
      // pg-boss's schema and maintenance scripts carry their own BEGIN … COMMIT: one reserved connection.
      if (/^\s*BEGIN\b/im.test(text)) {
        const reserved = await client.reserve();
        try {
          await reserved.unsafe(text);
          return { rows: [] };
        } finally {
          reserved.release();
        }
      }
      const rows = await client.unsafe(text);
      return { rows: Array.isArray(rows) ? [...rows] : [] };
    };
    return {
      db: db as unknown as Db,
      kind: "postgres",
      migrate: async () => {
        await migrate(db, { migrationsFolder });
        await installJobQueue({ executeSql });
      },
      executeSql,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const { pgliteStartParams } = await import("./pglite-memory");
  const startParams = pgliteStartParams(PGlite.defaultStartParams);
  const dataDir = options.dataDir ?? defaultPgliteDir();
  let client: InstanceType<typeof PGlite>;
  let release = () => {};
  if (dataDir === "memory://") {
    client = new PGlite({ startParams, ...(options.snapshot ? { loadDataDir: options.snapshot } : {}) });
    await client.waitReady;
  } else {
    // One process per folder (db/pglite-lock.ts); the folder is created with its parents (a fresh clone, `rm -rf .data`).
    const { lockPgliteFolder } = await import("./pglite-lock");
    release = lockPgliteFolder(dataDir);
    try {
      mkdirSync(dataDir, { recursive: true });
      client = new PGlite(dataDir, { startParams });
      await client.waitReady;
    } catch (error) {
      release();
      throw error;
    }
  }
  const db = drizzle(client, { schema });
  const executeSql = pgliteExecutor(client);
  return {
    db: db as unknown as Db,
    kind: "pglite",
    dump: () => client.dumpDataDir("none"),
    migrate: async () => {
      await migrate(db, { migrationsFolder });
      await installJobQueue({ executeSql });
    },
    executeSql,
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

type PgliteClient = {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
};

/** pg-boss's SQL on the one PGlite instance (PGlite is one connection: it queues behind the app's transactions). */
function pgliteExecutor(client: PgliteClient): SqlExecutor["executeSql"] {
  return async (text, values) => {
    if (values?.length) return { rows: (await client.query(text, values.map(sqlParameter))).rows as any[] };
    const results = await client.exec(text);
    return { rows: (results.at(-1)?.rows ?? []) as any[] };
  };
}
