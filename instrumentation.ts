// Next.js instrumentation: in each Node.js server process, records socket addresses for rate
// limits, refuses a half-configured production start, then starts the realtime outbox dispatcher
// and the job runner (deliveries, mails, scheduled jobs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerNode } = await import("./instrumentation-node");
  await registerNode();
  const { startJobRunnerOnce } = await import("./instrumentation-jobs");
  await startJobRunnerOnce();
}
