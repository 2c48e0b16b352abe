// The job runner (lib/jobs): deliveries, mails and scheduled jobs, once per Node.js server process
// (imported by instrumentation.ts in the nodejs runtime only). JOB_RUNNER=off leaves it out.
export async function startJobRunnerOnce() {
  if (process.env.JOB_RUNNER === "off") return;
  const holder = globalThis as unknown as { __conversationsJobRunner?: Promise<unknown> };
  if (holder.__conversationsJobRunner) return;
  holder.__conversationsJobRunner = (async () => {
    const { startJobRunner } = await import("./lib/jobs/job-runner");
    // PostgreSQL: its own connections. PGlite: the app's one instance (its SQL queues behind the app's).
    const handle = process.env.DATABASE_URL
      ? await (await import("./db/database")).openDatabase({ poolSize: Number(process.env.JOB_RUNNER_POOL_SIZE ?? 4) })
      : await (await import("./db/client")).getDatabaseHandle();
    const runner = await startJobRunner({
      db: handle.db,
      executeSql: handle.executeSql,
      workers: Number(process.env.JOB_WORKERS ?? (process.env.DATABASE_URL ? 4 : 2)),
    });
    // Graceful shutdown: stop taking jobs, finish held ones (or release them for another instance
    // after the timeout), then exit. Next.js's own handler closes the HTTP server and calls
    // process.exit; that exit is held until the runner has stopped.
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.log(`[jobs] ${signal}: finishing held jobs…`);
      const stopped = runner
        .stop({ timeoutMs: Number(process.env.JOB_SHUTDOWN_TIMEOUT_MS ?? 20_000) })
        .catch((error) => console.error("[jobs] stop failed:", error));
      const exit = process.exit.bind(process);
      let exitCode: number | string | null | undefined = signal === "SIGTERM" ? 143 : 130;
      process.exit = ((code?: number | string | null) => {
        exitCode = code ?? exitCode;
        void stopped.finally(() => exit(exitCode as number));
      }) as typeof process.exit;
      void stopped.finally(() => setTimeout(() => exit(exitCode as number), 2_000).unref());
    };
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
    return runner;
  })().catch((error) => {
    console.error("[jobs] the job runner did not start:", error);
  });
}
