import "server-only";
import { openDatabase, type DatabaseHandle, type Db } from "./database";

// One handle per server process; kept on globalThis so dev reloads reuse it
// (PGlite allows only one open handle on its data folder).
const holder = globalThis as unknown as { __conversationsDb?: Promise<DatabaseHandle> };

/** The process's handle: Drizzle, and the raw SQL the job runner shares PGlite through. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  holder.__conversationsDb ??= openDatabase();
  return holder.__conversationsDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabaseHandle()).db;
}
