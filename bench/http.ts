/**
 * HTTP load test: `npm run bench:http` (needs DATABASE_URL and a built app: `npm run build`).
 * Creates a throwaway database with one account, BENCH_AGENTS signed-in agents (default 100) and
 * BENCH_CONVERSATIONS open conversations (default 300), starts the built app with `next start` on
 * 127.0.0.1 only, and has every agent do what agents do, one action after another, for
 * BENCH_SECONDS (default 20): list the inbox (the page), open a thread, reply, assign, with
 * BENCH_THINK_MS (default 0: back to back, the saturation case) of a person's pause between
 * actions (jittered ±50 %). It prints throughput as well as latency. Then it
 * stops the app, drops the database and prints p50/p99/max per action with the errors.
 *
 * Sessions are minted with the app's own next-auth JWT encoding and AUTH_SECRET (sign-in is
 * rate-limited per IP and bcrypt-bound; it is not what this measures). The outbox dispatcher is
 * off (REALTIME_DISPATCHER=off): publishing happens after the commit, off the request path.
 * Server actions are called as the browser calls them: POST with the Next-Action id from the
 * build's server-reference manifest. Env: BENCH_PORT (4118).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { openDatabase } from "../db/database";
import { withDatabase } from "../db/test-global-setup";
import { signUp } from "../lib/accounts/sign-up";
import { receiveInboundMessage } from "../lib/inbox/receive-inbound-message";
import { nextServerNodeArgs } from "../scripts/next-server-node-args";

process.env.BCRYPT_COST ??= "4";
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("bench:http needs DATABASE_URL (a PostgreSQL server) and a built app (npm run build).");
  process.exit(1);
}
const AGENTS = Number(process.env.BENCH_AGENTS ?? 100);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 4118);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const SECRET = randomBytes(32).toString("hex");
const COOKIE = "authjs.session-token";
const base = `http://127.0.0.1:${PORT}`;

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** The Next-Action id of an exported server action, from the build's manifest. */
async function actionIds(names: string[]) {
  const manifest = JSON.parse(await readFile(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName && names.includes(entry.exportedName) && entry.filename?.includes("inbox/actions")) ids[entry.exportedName] = id;
  }
  for (const name of names) if (!ids[name]) throw new Error(`No server action ${name} in the build's manifest; run npm run build.`);
  return ids;
}

const admin = postgres(url, { max: 1, onnotice: () => {} });
const name = `conv_bench_http_${process.pid}_${Date.now()}`;
await admin.unsafe(`CREATE DATABASE "${name}"`);
const dbUrl = withDatabase(url, name);
const handle = await openDatabase({ url: dbUrl, poolSize: 4 });
let server: ReturnType<typeof spawn> | null = null;
try {
  await handle.migrate();
  const db = handle.db;
  const t0 = performance.now();
  const created = await signUp({
    db,
    input: { name: "Bench Owner", accountName: "Bench HTTP", email: `owner-${Date.now()}@bench.test`, password: "bench-password-1" },
  });
  if (!created.ok) throw new Error(created.error);
  const { accountId } = created.value;
  const agents = (await db.execute(sql`
    INSERT INTO users (account_id, email, name, password_hash, access_level)
    SELECT ${accountId}, 'agent' || g || '@bench-http.test', 'Agent ' || g, 'x', 'agent' FROM generate_series(1, ${AGENTS}) g
    RETURNING id`)) as unknown as { id: string }[];
  const conversations: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const received = await receiveInboundMessage({
      db,
      input: { accountId, channel: "email", externalId: `bench-${i}`, sender: { contact: { name: `Contact ${i}`, email: `c${i}@example.com` } }, body: `Hello ${i}` },
    });
    if (!received.ok) throw new Error(received.error);
    conversations.push(received.value.conversationId);
  }
  await db.execute(sql`VACUUM ANALYZE`);
  console.log(`seeded ${AGENTS} agents and ${CONVERSATIONS} conversations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const ids = await actionIds(["loadThreadAction", "replyAction", "assignAction"]);
  const cookies = await Promise.all(
    agents.map(async ({ id }) => `${COOKIE}=${await encode({ token: { sub: id, accountId, sessionVersion: 0 }, secret: SECRET, salt: COOKIE })}`),
  );

  server = spawn(process.execPath, [...nextServerNodeArgs, path.join(process.cwd(), "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(PORT)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      AUTH_SECRET: SECRET,
      APP_URL: base,
      BILLING_PROVIDER: "local",
      // Required with DATABASE_URL (decision 0060); the benchmark sends no mail.
      SMTP_URL: process.env.SMTP_URL ?? "smtp://127.0.0.1:1",
      REALTIME_DISPATCHER: "off",
      NODE_ENV: "production",
    },
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    server!.stdout!.on("data", (chunk) => {
      out += chunk;
      if (/Ready in|started server/i.test(out)) resolve();
    });
    server!.once("exit", (code) => reject(new Error(`next start exited (${code}):\n${out}`)));
  });
  const idleRss = (Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${server.pid}/status`, "utf8").catch(() => ""))?.[1] ?? NaN) / 1024).toFixed(0);
  // One warm-up round: the first request of each route compiles nothing but loads its modules.
  await fetch(`${base}/inbox`, { headers: { cookie: cookies[0] } }).then((r) => r.text());

  const timings: Record<string, number[]> = { list: [], open: [], reply: [], assign: [] };
  const errors: Record<string, string[]> = { list: [], open: [], reply: [], assign: [] };
  const action = (id: string, cookie: string, body: BodyInit, contentType?: string) =>
    fetch(`${base}/inbox`, {
      method: "POST",
      headers: { cookie, "next-action": id, accept: "text/x-component", ...(contentType ? { "content-type": contentType } : {}) },
      body,
      redirect: "manual",
    });
  const think = () => (THINK_MS > 0 ? new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random()))) : null);
  async function timed(kind: string, run: () => Promise<Response>) {
    await think();
    const started = performance.now();
    try {
      const response = await run();
      const text = await response.text();
      const elapsed = performance.now() - started;
      timings[kind].push(elapsed);
      // A refused action answers 200 with its error in the form state.
      const refusal = /"error":"([^"]*)"/.exec(text)?.[1];
      if (process.env.BENCH_DEBUG && refusal) console.log(kind, text.slice(0, 600));
      if (response.status !== 200) errors[kind].push(`HTTP ${response.status}`);
      else if (refusal) errors[kind].push(refusal);
    } catch (error) {
      errors[kind].push(String(error));
    }
  }

  console.log(`${AGENTS} agents for ${SECONDS} s, ${THINK_MS ? `~${THINK_MS} ms pause between actions` : "back to back"}, load average ${loadavg()[0].toFixed(1)} on this machine`);
  const runStarted = performance.now();
  const deadline = runStarted + SECONDS * 1000;
  await Promise.all(
    agents.map(async ({ id }, i) => {
      const cookie = cookies[i];
      // Each agent works its own conversations (an agent may not take another's), round the queue.
      const mine = conversations.filter((_, k) => k % AGENTS === i);
      // Paced runs: agents start spread over one pause, as people do, not all at the same instant.
      if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * Math.random()));
      let n = 0;
      while (performance.now() < deadline && mine.length > 0) {
        const conversationId = mine[n++ % mine.length];
        await timed("list", () => fetch(`${base}/inbox`, { headers: { cookie }, redirect: "manual" }));
        await timed("open", () => action(ids.loadThreadAction, cookie, JSON.stringify([conversationId]), "text/plain;charset=UTF-8"));
        const form = new FormData();
        // React's reply encoding: a FormData argument is "$K1", its fields prefixed "_1_", the
        // arguments ("0") last.
        form.append("_1_conversationId", conversationId);
        form.append("_1_channel", "email");
        form.append("_1_body", `Reply from agent ${i}`);
        form.append("0", JSON.stringify([{}, "$K1"]));
        await timed("reply", () => action(ids.replyAction, cookie, form));
        await timed("assign", () =>
          action(ids.assignAction, cookie, JSON.stringify([{ conversationId, assigneeId: id }]), "text/plain;charset=UTF-8"),
        );
      }
    }),
  );

  const runSeconds = (performance.now() - runStarted) / 1000;
  const total = Object.values(timings).reduce((n, t) => n + t.length, 0);
  console.log(`throughput: ${(total / runSeconds).toFixed(1)} requests/s over ${runSeconds.toFixed(1)} s`);
  for (const kind of Object.keys(timings)) {
    const sorted = timings[kind].sort((a, b) => a - b);
    const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN).toFixed(1);
    const kinds = [...new Set(errors[kind])].slice(0, 3).join("; ");
    console.log(
      `${kind.padEnd(7)} ${String(sorted.length).padStart(6)} requests  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  max ${at(1)} ms  errors ${errors[kind].length}${kinds ? ` (${kinds})` : ""}`,
    );
  }
  const [{ n: stored }] = (await db.execute(
    sql`SELECT count(*)::int AS n FROM messages WHERE account_id = ${accountId} AND kind = 'message' AND sender_kind = 'agent'`,
  )) as unknown as { n: number }[];
  const status = await readFile(`/proc/${server.pid}/status`, "utf8").catch(() => "");
  const mb = (field: string) => (Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024).toFixed(0);
  console.log(`next-server resident memory: ${mb("VmRSS")} MB now, ${mb("VmHWM")} MB peak (PostgreSQL; idle before the run: ${idleRss} MB)`);
  console.log(`replies stored: ${stored} (replies answered without error: ${timings.reply.length - errors.reply.length})`);
  console.log(`target: p99 < 100 ms per action at 100 agents; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  await handle.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
