// Node.js-only start-up work (imported by instrumentation.ts in the nodejs runtime only).
import { describeMissingSettings, missingProductionSettings } from "./lib/deployment/production-settings";
import { recordSocketAddresses } from "./lib/rate-limit/record-socket-address";

export async function registerNode() {
  // Rate limits key on the socket's address (or a trusted proxy's forwarded one), never a client's X-Forwarded-For.
  recordSocketAddresses();
  if (process.env.NODE_ENV === "production") {
    // `next start` on its own (without scripts/serve.ts) refuses a half-configured deployment too.
    const missing = missingProductionSettings();
    if (missing.length > 0) {
      console.error(describeMissingSettings(missing));
      process.exit(1);
    }
  }
  if (process.env.REALTIME_DISPATCHER === "off") return;
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
