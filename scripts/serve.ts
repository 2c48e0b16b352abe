import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeMissingSettings, missingProductionSettings } from "../lib/deployment/production-settings";
import { nextServerNodeArgs } from "./next-server-node-args";
import { supervise, type ChildSpec } from "./supervise";

/**
 * Serves the built app: migrates (and seeds on the embedded database's first start) in a child
 * process, then supervises `next start` and, without PUSHER_* configuration, the local realtime
 * server. When either dies the other is stopped and this process exits non-zero (see
 * scripts/supervise.ts). Started by `npm start` after `next build`, and by the end-to-end tests.
 */

// A real deployment (DATABASE_URL) refuses to start with a setting missing, naming every one.
const missing = missingProductionSettings();
if (missing.length > 0) {
  console.error(describeMissingSettings(missing));
  process.exit(1);
}

// Compiled by `npm run build` into .next/server-scripts/*.mjs (run on bare node), or run from source
// with tsx (`npx tsx scripts/serve.ts`): the sibling scripts are started the same way as this one.
const self = fileURLToPath(import.meta.url);
const compiled = path.extname(self) === ".mjs";
const sibling = (name: string) => path.join(path.dirname(self), `${name}${compiled ? ".mjs" : ".ts"}`);
const nodeArgs = compiled ? [] : ["--import", "tsx"];

const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;

type Prepared = { kind: "pglite" | "postgres"; seeded: boolean; signIn: string };
const prepared = await new Promise<Prepared>((resolve) => {
  let result: Prepared | null = null;
  const child = fork(sibling("prepare-database-child"), [], { execArgv: nodeArgs, env: { ...process.env, APP_URL: appUrl } });
  child.on("message", (message) => (result = message as Prepared));
  child.on("exit", (code) => {
    if (code === 0 && result) return resolve(result);
    console.error("Preparing the database failed (see above); not starting.");
    process.exit(1);
  });
});

const children: ChildSpec[] = [];
// Without PUSHER_* configuration, the local Pusher-protocol server runs beside the app.
const localRealtime = !process.env.PUSHER_KEY && !process.env.PUSHER_APP_ID && !process.env.PUSHER_HOST;
const realtimePort = process.env.PUSHER_PORT ?? "6001";
if (localRealtime) {
  children.push({
    name: "realtime server",
    command: process.execPath,
    args: [...nodeArgs, sibling("realtime-server")],
    env: { PUSHER_PORT: realtimePort, PUSHER_WEBHOOK_URL: process.env.PUSHER_WEBHOOK_URL ?? `http://127.0.0.1:${port}/api/realtime/webhook` },
  });
}
// Idle keep-alive connections outlive any client's or load balancer's (typically 60 s), so the server is
// never the side closing a socket a client is just reusing (Node's default, 5 s, races Playwright's
// request pool and proxies: the request dies with ECONNRESET).
const keepAliveTimeoutMs = 65_000;
children.push({
  name: "next-server",
  command: process.execPath,
  args: [...nextServerNodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "--keepAliveTimeout", String(keepAliveTimeoutMs)],
  env: { APP_URL: appUrl, ...(localRealtime ? { PUSHER_PORT: realtimePort } : {}) },
});

const stopped = supervise(children);
console.log(
  [
    "",
    `Conversations is starting on ${appUrl} (database: ${prepared.kind === "pglite" ? "embedded PGlite in .data/" : "PostgreSQL at DATABASE_URL"}).`,
    localRealtime ? `Local realtime server on 127.0.0.1:${realtimePort}.` : "Realtime: Pusher as configured by PUSHER_*.",
    prepared.seeded
      ? "Seeded the demo account."
      : prepared.kind === "pglite"
        ? "Using the existing data (npm run db:seed re-creates the demo account)."
        : "No demo account is seeded into PostgreSQL (npm run db:seed adds it on purpose).",
    prepared.signIn,
    "",
  ].join("\n"),
);
process.exit(await stopped);
