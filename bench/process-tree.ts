// Resident memory of a process tree, from /proc (Linux): what `npm start` costs, process by process.
import { readdir, readFile } from "node:fs/promises";

export type TreeProcess = { pid: number; ppid: number; name: string; rssMb: number };

async function readProcess(pid: number): Promise<TreeProcess | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").filter(Boolean);
    return { pid, ppid, name: describe(argv), rssMb: rssKb / 1024 };
  } catch {
    return null; // gone meanwhile, or a kernel thread
  }
}

/** A short name for a command line: the script or tool it runs. */
function describe(argv: string[]) {
  const line = argv.join(" ");
  if (argv[0] === "sh" || argv[0]?.endsWith("/sh")) return "sh (npm's shell)";
  if (argv[0]?.includes("@esbuild")) return "esbuild service (tsx)";
  if (line.includes("next-server") || /next\/dist\/bin\/next start/.test(line)) return "next-server";
  if (line.includes("realtime-server")) return "realtime server";
  if (line.includes("prepare-database")) return "prepare database";
  if (/serve\.mjs/.test(line)) return "serve (supervisor, compiled)";
  if (/serve\.ts/.test(line)) return line.includes("--import") || line.includes("loader") ? "serve (supervisor, tsx loader)" : "tsx launcher (serve.ts)";
  if (/npm(-cli)?(\.js)? run|npm run|npm start/.test(line) || argv[1]?.endsWith("npm-cli.js")) return "npm";
  return line.slice(0, 60);
}

/** The process `rootPid` and all its descendants, with their resident memory now. */
export async function processTree(rootPid: number): Promise<TreeProcess[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  const all = (await Promise.all(pids.map(readProcess))).filter((p): p is TreeProcess => p !== null);
  const tree: TreeProcess[] = [];
  const wanted = new Set([rootPid]);
  // Parents have lower pids almost always, but not after wrap-around: repeat until stable.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.includes(p) && (p.pid === rootPid || wanted.has(p.ppid))) {
        tree.push(p);
        wanted.add(p.pid);
        grew = true;
      }
    }
  }
  return tree;
}

export const totalMb = (tree: TreeProcess[]) => tree.reduce((sum, p) => sum + p.rssMb, 0);

export function formatTree(tree: TreeProcess[]) {
  return tree.map((p) => `  ${p.name.padEnd(28)} pid ${String(p.pid).padStart(7)}  ${p.rssMb.toFixed(0).padStart(5)} MB`).join("\n");
}
