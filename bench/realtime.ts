// Realtime benchmark: N pusher-js clients on one account channel, events committed through the
// outbox at a steady rate, delivered by the dispatcher via the local realtime server (separate
// processes, as in production). Prints commit→client latency percentiles, events lost, and the
// same for the floor measured in the same run: the same clients in the same process layout fed by a
// bare ws relay (pusher-js's own Node WebSocket, and the `ws` library for comparison). 127.0.0.1 only.
// Env: BENCH_CLIENTS (200), BENCH_RATE (events/s, 200), BENCH_SECONDS (10), DATABASE_URL (else PGlite in memory),
// BENCH_PROFILE (a folder for CPU profiles of the children).
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { WebSocket } from "ws";
import { openDatabase, type DatabaseHandle } from "../db/database";
import { withDatabase } from "../db/test-global-setup";
import { signUp } from "../lib/accounts/sign-up";
import { createPusherClient } from "../lib/realtime/config";
import { startDispatcher, type Publisher } from "../lib/realtime/dispatcher";
import { contactChanged } from "../lib/realtime/events";
import { recordEvent } from "../lib/realtime/outbox";
import { accountChannel } from "../lib/realtime/realtime-channel-names";

process.env.BCRYPT_COST ??= "4";
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const EVENTS = RATE * SECONDS;
const app = { appId: "bench-app", key: "bench-key", secret: "bench-secret" };
const now = () => performance.timeOrigin + performance.now();
const here = path.dirname(new URL(import.meta.url).pathname);
const children: ChildProcess[] = [];
// BENCH_PROFILE=<dir>: every child writes a V8 CPU profile there on exit (run this process with
// `node --cpu-prof --import tsx bench/realtime.ts` to profile it too).
const profileArgs = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];

function child(file: string, env: Record<string, string>) {
  const proc = spawn(process.execPath, [...profileArgs, "--import", "tsx", file], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env },
  });
  children.push(proc);
  return proc;
}

function nextMessage<T>(proc: ChildProcess, type: string, timeoutMs = 60_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} from child within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      proc.off("message", onMessage);
      resolve(message as T);
    };
    proc.on("message", onMessage);
  });
}

async function startRealtimeServer() {
  const proc = spawn(process.execPath, [...profileArgs, "--import", "tsx", path.join(here, "../scripts/realtime-server.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PUSHER_APP_ID: app.appId, PUSHER_KEY: app.key, PUSHER_SECRET: app.secret, PUSHER_PORT: "0" },
  });
  children.push(proc);
  return new Promise<{ port: number; pid: number }>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /listening on [\d.]+:(\d+)/.exec(out);
      if (match) resolve({ port: Number(match[1]), pid: proc.pid! });
    });
    proc.once("exit", (code) => reject(new Error(`realtime server exited (${code})`)));
  });
}

/** Paces `count` calls of `fire(i)` at `rate` per second without waiting for each to finish. */
async function paced(count: number, rate: number, fire: (i: number) => Promise<void>) {
  const start = now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(fire(i));
  }
  await Promise.all(inFlight);
}

type Report = { receipts: number[][]; cpuMs: number };

/** Waits until every client has every event, or nothing more arrives for `quietMs` (then the rest is lost). */
async function drained(clients: ChildProcess, expected: number, quietMs = 3000) {
  let last = -1;
  let lastChange = now();
  for (;;) {
    clients.send({ type: "count" });
    const { received } = await nextMessage<{ received: number }>(clients, "count");
    if (received >= expected) return;
    if (received !== last) [last, lastChange] = [received, now()];
    else if (now() - lastChange > quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function summarize(label: string, sentAt: Map<number, number>, report: Report) {
  const latencies: number[] = [];
  let lost = 0;
  let duplicates = 0;
  for (const flat of report.receipts) {
    const seen = new Set<number>();
    for (let j = 0; j < flat.length; j += 2) {
      const [seq, t] = [flat[j], flat[j + 1]];
      if (seen.has(seq)) {
        duplicates++;
        continue;
      }
      seen.add(seq);
      const sent = sentAt.get(seq);
      if (sent !== undefined) latencies.push(t - sent);
    }
    for (const seq of sentAt.keys()) if (!seen.has(seq)) lost++;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const result = { label, deliveries: latencies.length, lost, duplicates, p50: pct(50), p95: pct(95), p99: pct(99), max: latencies.at(-1) ?? NaN };
  console.log(
    `${label.padEnd(28)} deliveries ${String(result.deliveries).padStart(7)}  lost ${result.lost}  dup ${result.duplicates}  ` +
      `p50 ${result.p50.toFixed(2)} ms  p95 ${result.p95.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  max ${result.max.toFixed(2)} ms`,
  );
  return result;
}

async function openBenchDatabase(): Promise<{
  handle: DatabaseHandle;
  dispatcherHandle: DatabaseHandle;
  drop: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    await handle.migrate();
    return { handle, dispatcherHandle: handle, drop: async () => {} };
  }
  const name = `conv_bench_${process.pid}_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const handle = await openDatabase({ url: withDatabase(url, name), poolSize: 10 });
  await handle.migrate();
  // As in instrumentation.ts: the dispatcher's own connections, so queued commands cannot starve it.
  const dispatcherHandle = await openDatabase({ url: withDatabase(url, name), poolSize: 2 });
  return {
    handle,
    dispatcherHandle,
    drop: async () => {
      await dispatcherHandle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** One floor phase: a bare ws relay (its own process) to CLIENTS clients of `mode`, same rate and duration. */
async function runFloor(mode: "transport" | "ws") {
  const floor = child(path.join(here, "realtime-floor-server.ts"), {});
  const { port: floorPort } = await nextMessage<{ port: number }>(floor, "listening");
  const floorClients = child(path.join(here, "realtime-clients.ts"), { MODE: mode, PORT: String(floorPort), N: String(CLIENTS) });
  await nextMessage(floorClients, "ready");
  const publisher = new WebSocket(`ws://127.0.0.1:${floorPort}/publish`);
  await new Promise((resolve) => publisher.once("open", resolve));
  const sent = new Map<number, number>();
  console.log(`floor phase (${mode}): load average ${loadavg()[0].toFixed(1)} on this machine`);
  await paced(EVENTS, RATE, async (i) => {
    const seq = i + 1;
    sent.set(seq, now());
    publisher.send(JSON.stringify({ seq, type: "bench.tick", payload: { i } }));
  });
  await drained(floorClients, EVENTS * CLIENTS);
  floorClients.send({ type: "report" });
  const report = await nextMessage<Report>(floorClients, "report");
  publisher.close();
  floor.kill();
  return { mode, sent, report };
}

async function main() {
  console.log(`realtime bench: ${CLIENTS} clients, ${RATE} events/s for ${SECONDS} s (${EVENTS} events), ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);
  const { handle, dispatcherHandle, drop } = await openBenchDatabase();
  const db = handle.db;
  const created = await signUp({
    db,
    input: { name: "Bench", accountName: "Bench", email: `bench-${Date.now()}@bench.test`, password: "bench-password-1" },
  });
  if (!created.ok) throw new Error(created.error);
  const { accountId } = created.value;

  // 1) The floor: the same clients in the same process layout, fed by a bare ws relay, with the Pusher
  // protocol removed on both ends. "transport" uses the WebSocket client pusher-js runs on in Node.js
  // (the fair floor, the target's reference); "ws" the `ws` library (printed for comparison).
  const floors = [];
  for (const mode of ["transport", "ws"] as const) floors.push(await runFloor(mode));

  // 2) The real path: commit → outbox → dispatcher → pusher SDK → realtime server → pusher-js.
  const { port, pid: serverPid } = await startRealtimeServer();
  const sdk = createPusherClient({ ...app, host: "127.0.0.1", port, useTLS: false, cluster: "local" });
  // Records when the realtime server acknowledged each event, to split the latency into stages.
  const publishedAt = new Map<number, number>();
  const publishStartedAt = new Map<number, number>();
  const batchSizes: number[] = [];
  const requestMs: number[] = [];
  const pusher: Publisher = {
    triggerBatch: async (batch) => {
      const seqs = batch.map((e) => (e.data as { seq: number }).seq);
      const started = now();
      for (const seq of seqs) if (!publishStartedAt.has(seq)) publishStartedAt.set(seq, started);
      const response = await sdk.triggerBatch(batch);
      const t = now();
      batchSizes.push(batch.length);
      requestMs.push(t - started);
      for (const seq of seqs) if (!publishedAt.has(seq)) publishedAt.set(seq, t);
      return response;
    },
  };
  const dispatcher = startDispatcher({ db: dispatcherHandle.db, pusher, singleProcess: dispatcherHandle.kind === "pglite" });
  const clients = child(path.join(here, "realtime-clients.ts"), {
    MODE: "pusher",
    PORT: String(port),
    KEY: app.key,
    SECRET: app.secret,
    CHANNEL: accountChannel(accountId),
    N: String(CLIENTS),
  });
  await nextMessage(clients, "ready");
  const committedAt = new Map<number, number>();
  const commitLag: number[] = [];
  console.log(`outbox phase: load average ${loadavg()[0].toFixed(1)} on this machine`);
  const cpuAtStart = { self: process.cpuUsage(), server: await cpuSecondsOf(serverPid) };
  const phaseStart = now();
  await paced(EVENTS, RATE, async (i) => {
    const due = phaseStart + (i * 1000) / RATE;
    const [written] = await db.transaction((tx) =>
      // Any event will do: the clients time its seq. One on the account channel, small as most are.
      recordEvent({ tx, event: contactChanged(accountId, `bench-${i}`) }),
    );
    committedAt.set(written.seq, now());
    commitLag.push(now() - due);
  });
  await drained(clients, EVENTS * CLIENTS);
  const selfCpu = process.cpuUsage(cpuAtStart.self);
  const cpu = `CPU in the outbox phase: this process ${((selfCpu.user + selfCpu.system) / 1e6).toFixed(1)} s, realtime server ${(
    (await cpuSecondsOf(serverPid)) - cpuAtStart.server
  ).toFixed(1)} s`;
  const memory = [
    `this process (commands + dispatcher${process.env.DATABASE_URL ? "" : " + PGlite"}) ${await rssOf(process.pid)}`,
    `realtime server ${await rssOf(serverPid)}`,
    `${CLIENTS} clients ${await rssOf(clients.pid!)}`,
  ];
  clients.send({ type: "report" });
  const report = await nextMessage<Report>(clients, "report");
  await dispatcher.stop();

  commitLag.sort((a, b) => a - b);
  console.log(
    `commit lag (due → committed)   p50 ${commitLag[Math.floor(commitLag.length / 2)].toFixed(2)} ms  p99 ${commitLag[Math.floor(commitLag.length * 0.99)].toFixed(2)} ms  (how well the database kept the rate)`,
  );
  const spread = (label: string, values: number[], note = "") => {
    const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN).toFixed(2);
    console.log(`${label.padEnd(31)} p50 ${at(50)} ms  p95 ${at(95)} ms  p99 ${at(99)} ms  max ${at(100)} ms  ${note}`);
  };
  spread("commit → publish started", [...committedAt].map(([seq, t]) => (publishStartedAt.get(seq) ?? NaN) - t), "(dispatcher wake-up, claim)");
  spread("publish request (HTTP API)", requestMs, `(${requestMs.length} requests, mean ${(batchSizes.reduce((a, b) => a + b, 0) / Math.max(1, batchSizes.length)).toFixed(1)} events each)`);
  spread("commit → publish acknowledged", [...committedAt].map(([seq, t]) => (publishedAt.get(seq) ?? NaN) - t), "(dispatcher + HTTP API)");
  const toClient: number[] = [];
  for (const flat of report.receipts) {
    for (let j = 0; j < flat.length; j += 2) toClient.push(flat[j + 1] - (publishStartedAt.get(flat[j]) ?? NaN));
  }
  spread("publish started → client", toClient, "(realtime server fan-out + pusher-js)");
  console.log(
    `CPU used by the ${CLIENTS} clients: ${floors.map((f) => `${f.mode} floor ${(f.report.cpuMs / 1000).toFixed(1)} s`).join(", ")}, pusher-js ${(report.cpuMs / 1000).toFixed(1)} s`,
  );
  const [bare, bareWs] = floors.map((f) =>
    summarize(f.mode === "transport" ? "floor: pusher-js's socket" : "bare ws broadcast (ws lib)", f.sent, f.report),
  );
  const real = summarize("outbox → Pusher protocol", committedAt, report);
  for (const [label, f] of [["floor", bare], ["ws-lib floor", bareWs]] as const) {
    console.log(`ratio to ${label}: p50 ${(real.p50 / f.p50).toFixed(1)}×  p95 ${(real.p95 / f.p95).toFixed(1)}×  p99 ${(real.p99 / f.p99).toFixed(1)}×`);
  }
  console.log(`${cpu} (for ${EVENTS} events × ${CLIENTS} clients)`);
  console.log(`resident memory: ${memory.join("; ")}`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`target: p99 < 50 ms → ${real.p99 < 50 ? "met" : "NOT met"}; p99 within 5× floor → ${real.p99 <= 5 * bare.p99 ? "met" : "NOT met"}; events lost: ${real.lost + bare.lost + bareWs.lost}`);
  await handle.close();
  await drop();
}

/** CPU seconds a process has used so far (user + system), from /proc (Linux; ticks of 10 ms). */
async function cpuSecondsOf(pid: number) {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process now and at its peak, from /proc (Linux). */
async function rssOf(pid: number) {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return `${(kb("VmRSS") / 1024).toFixed(0)} MB now, ${(kb("VmHWM") / 1024).toFixed(0)} MB peak`;
  } catch {
    return "unknown";
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const proc of children) if (proc.exitCode === null) proc.kill();
  });
