import { spawn, type ChildProcess } from "node:child_process";
import { prepareDatabase } from "./prepare-database";

/**
 * Serves the built app: migrates (and seeds on first run), then starts `next start`.
 * Started by `npm start` after `next build`, and by the end-to-end tests.
 */
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

run(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], { APP_URL: appUrl });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

console.log(
  [
    "",
    `Conversations is starting on ${appUrl} (database: ${kind === "pglite" ? "embedded PGlite in .data/" : "PostgreSQL at DATABASE_URL"}).`,
    seeded ? "Seeded the demo account." : "Using the existing data (npm run db:seed re-creates the demo account).",
    signIn,
    "",
  ].join("\n"),
);
