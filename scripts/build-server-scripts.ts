// Compiles the scripts `npm start` runs beside Next.js (the supervisor, its database-preparing
// child, the local realtime server) into plain ES modules in .next/server-scripts, so they run on
// bare `node`: tsx's loader thread costs ~20–35 MB of resident memory per process. Packages stay
// in node_modules (resolved at run time as before); only our own TypeScript is bundled. Runs after
// `next build`, which empties .next first, so the output can never be older than the app.
import { build } from "esbuild";
import path from "node:path";

const serverScriptsDir = path.join(process.cwd(), ".next", "server-scripts");

const entries = ["scripts/serve.ts", "scripts/prepare-database-child.ts", "scripts/realtime-server.ts"];

await build({
  entryPoints: entries,
  outdir: serverScriptsDir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
console.log(`Compiled ${entries.length} server scripts into ${path.relative(process.cwd(), serverScriptsDir)}/`);
