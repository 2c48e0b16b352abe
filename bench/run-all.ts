// `npm run bench`: every benchmark in turn; each prints its own percentiles and ratios.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const benches = ["bench/realtime.ts", "bench/inbox.ts", "bench/analytics.ts", "bench/delivery.ts"].filter((file) => existsSync(file));
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", file], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
