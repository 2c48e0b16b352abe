// Memory benchmark: resident memory of every process `npm start` runs (embedded defaults: PGlite,
// local realtime server, job runner), idle and under realtime load. The app must be built first
// (`npm run build`). Runs `npm run serve` (what `npm start` runs after `next build`) on a throwaway
// data folder, 127.0.0.1 only, then:
//   idle  — BENCH_IDLE_SECONDS (15) after the app answers;
//   load  — BENCH_CLIENTS (200) pusher-js clients on the demo account's channel while inbound
//           messages arrive through the app at BENCH_RATE (20/s) for BENCH_SECONDS (10), each
//           committing events that the dispatcher publishes to every client; the peak is sampled.
// Env: BENCH_PORT (3240), BENCH_PUSHER_PORT (6240).
import { spawn, fork, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../db/database";
import { demoAccountId } from "../lib/demo/demo-account";
import { accountChannel } from "../lib/realtime/realtime-channel-names";
import { formatTree, processTree, totalMb, type TreeProcess } from "./process-tree";

const PORT = Number(process.env.BENCH_PORT ?? 3240);
const PUSHER_PORT = Number(process.env.BENCH_PUSHER_PORT ?? 6240);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 15);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.join(here, "..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function report(label: string, tree: TreeProcess[]) {
  const app = tree.filter((p) => !["npm", "sh (npm's shell)", "tsx launcher (serve.ts)"].includes(p.name));
  console.log(`${label}: whole tree ${totalMb(tree).toFixed(0)} MB; without npm and tsx's launcher ${totalMb(app).toFixed(0)} MB`);
  console.log(formatTree(tree));
}

async function waitForApp(url: string, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(500);
  }
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "conversations-memory-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    PUSHER_PORT: String(PUSHER_PORT),
    PGLITE_DIR: path.join(dir, "pglite"),
    FILES_DIR: path.join(dir, "files"),
    SECRETS_DIR: dir,
    NEXT_TELEMETRY_DISABLED: "1",
    // Enables /api/test/inbound: the load is inbound messages through the app's own command.
    E2E_TEST_HOOKS: "1",
  };
  delete env.DATABASE_URL;
  let serve: ChildProcess | null = null;
  let clients: ChildProcess | null = null;
  try {
    // Seed first (as serve's own first start would) to learn the demo account's channel.
    const prepared = fork(path.join(root, "scripts/prepare-database-child.ts"), [], { execArgv: ["--import", "tsx"], env, stdio: "ignore" });
    await new Promise((resolve) => prepared.once("exit", resolve));
    const handle = await openDatabase({ url: "", dataDir: env.PGLITE_DIR! });
    const accountId = await demoAccountId(handle.db);
    await handle.close();
    if (!accountId) throw new Error("the demo account was not seeded");

    const tree = spawn("npm", ["run", "serve"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
    serve = tree;
    await waitForApp(`http://127.0.0.1:${PORT}/sign-in`);
    console.log(`app up; idle for ${IDLE_SECONDS} s (load average ${loadavg()[0].toFixed(1)})`);
    await sleep(IDLE_SECONDS * 1000);
    report("idle", await processTree(tree.pid!));

    clients = fork(path.join(here, "realtime-clients.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: {
        ...env,
        MODE: "pusher",
        PORT: String(PUSHER_PORT),
        KEY: "conversations-key",
        SECRET: (await readFile(path.join(dir, "realtime-secret"), "utf8")).trim(),
        CHANNEL: accountChannel(accountId),
        N: String(CLIENTS),
      },
    });
    await new Promise((resolve) => clients!.on("message", (m: { type: string }) => m.type === "ready" && resolve(null)));
    let peak: TreeProcess[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await processTree(tree.pid!);
        if (totalMb(now) > totalMb(peak)) peak = now;
        await sleep(250);
      }
    })();
    const failures: string[] = [];
    const start = Date.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < RATE * SECONDS; i++) {
      const wait = start + (i * 1000) / RATE - Date.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(
        fetch(`http://127.0.0.1:${PORT}/api/test/inbound`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: `memory-${i % 50}@bench.test`, name: `Bench ${i % 50}`, text: `message ${i}`, externalId: `memory-${i}` }),
        }).then(
          (r) => void (r.ok || failures.push(String(r.status))),
          (e) => void failures.push(String(e)),
        ),
      );
    }
    await Promise.all(inFlight);
    await sleep(2000);
    sampling = false;
    await sampler;
    console.log(`load: ${RATE * SECONDS} inbound messages at ${RATE}/s, ${failures.length} failed; ${CLIENTS} pusher-js clients subscribed (load average ${loadavg()[0].toFixed(1)})`);
    report("peak under load", peak);
    report("after load", await processTree(tree.pid!));
  } finally {
    clients?.kill();
    if (serve?.pid) {
      try {
        process.kill(-serve.pid, "SIGTERM");
      } catch {
        // already stopped
      }
      await new Promise((resolve) => (serve!.exitCode !== null ? resolve(null) : serve!.once("exit", resolve)));
    }
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
