// Next.js instrumentation: starts the realtime outbox dispatcher once per Node.js server process.
// With PGlite only this process may open the database, so the dispatcher lives here, not in a worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.REALTIME_DISPATCHER === "off") return;
  const { getDb } = await import("./db/client");
  const { startDispatcher } = await import("./lib/realtime/dispatcher");
  const holder = globalThis as unknown as { __conversationsDispatcher?: { stop(): Promise<void> } };
  holder.__conversationsDispatcher ??= startDispatcher({ db: await getDb() });
}
