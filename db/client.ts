import "server-only";
import { openDatabase, type DatabaseHandle, type Db } from "./database";

// One handle per server process; kept on globalThis so dev reloads reuse it
// (PGlite allows only one open handle on its data folder).
const holder = globalThis as unknown as { __conversationsDb?: Promise<DatabaseHandle> };

export async function getDb(): Promise<Db> {
  holder.__conversationsDb ??= openDatabase();
  return (await holder.__conversationsDb).db;
}
