// Next.js instrumentation: starts the realtime outbox dispatcher once per Node.js server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.REALTIME_DISPATCHER === "off") return;
  const holder = globalThis as unknown as { __conversationsDispatcher?: { stop(): Promise<void> } };
  if (holder.__conversationsDispatcher) return;
  const { startDispatcher } = await import("./lib/realtime/dispatcher");
  let db;
  let singleProcess = false;
  if (process.env.DATABASE_URL) {
    // Its own two connections, so a burst of commands queued on the app's pool cannot starve it.
    const { openDatabase } = await import("./db/database");
    db = (await openDatabase({ poolSize: 2 })).db;
  } else {
    // With PGlite only this process may open the database: share the app's handle.
    const { getDb } = await import("./db/client");
    db = await getDb();
    singleProcess = true;
  }
  holder.__conversationsDispatcher = startDispatcher({ db, singleProcess });
}
