import { spawn, type ChildProcess } from "node:child_process";
import { describeMissingSettings, missingProductionSettings } from "../lib/deployment/production-settings";
import { prepareDatabase } from "./prepare-database";

/**
 * Serves the built app: migrates (and seeds on first run), then starts `next start`.
 * Started by `npm start` after `next build`, and by the end-to-end tests.
 */
// A real deployment (DATABASE_URL) refuses to start with a setting missing, naming every one.
const missing = missingProductionSettings();
if (missing.length > 0) {
  console.error(describeMissingSettings(missing));
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;

const { kind, seeded, signIn } = await prepareDatabase({ appUrl });
const children: ChildProcess[] = [];

function run(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  children.push(child);
  child.on("exit", (code) => {
    for (const other of children) if (other !== child) other.kill("SIGTERM");
    process.exit(code ?? 0);
  });
  return child;
}

// Without PUSHER_* configuration, the local Pusher-protocol server runs beside the app.
const localRealtime = !process.env.PUSHER_KEY && !process.env.PUSHER_APP_ID && !process.env.PUSHER_HOST;
const realtimePort = process.env.PUSHER_PORT ?? "6001";
if (localRealtime) {
  run(process.execPath, ["--import", "tsx", "scripts/realtime-server.ts"], {
    PUSHER_PORT: realtimePort,
    PUSHER_WEBHOOK_URL: process.env.PUSHER_WEBHOOK_URL ?? `http://127.0.0.1:${port}/api/realtime/webhook`,
  });
}
run(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
  APP_URL: appUrl,
  ...(localRealtime ? { PUSHER_PORT: realtimePort } : {}),
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

console.log(
  [
    "",
    `Conversations is starting on ${appUrl} (database: ${kind === "pglite" ? "embedded PGlite in .data/" : "PostgreSQL at DATABASE_URL"}).`,
    localRealtime ? `Local realtime server on 127.0.0.1:${realtimePort}.` : "Realtime: Pusher as configured by PUSHER_*.",
    seeded ? "Seeded the demo account." : kind === "pglite" ? "Using the existing data (npm run db:seed re-creates the demo account)." : "No demo account is seeded into PostgreSQL (npm run db:seed adds it on purpose).",
    signIn,
    "",
  ].join("\n"),
);
