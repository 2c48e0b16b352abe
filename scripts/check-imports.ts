/**
 * The layering rules of the codebase, checked from the source:
 * - `lib/` is framework-free: no `next/*`, `next-auth`, `react`, `@/app` or `@/components` import;
 * - `db/` imports nothing above it (`@/lib`, `@/app`, `@/components`);
 * - `components/` imports from `app/` only a route's server actions (`…/actions`): the one
 *   allowed upward arrow, a client component calling the actions of the route it serves;
 * - no import cycle between the folders of `lib/` (lib/inbox ↔ lib/channels, …), counting each file at
 *   lib/'s top (lib/command.ts, lib/result.ts) as a node of its own.
 * Run directly (`tsx scripts/check-imports.ts`) or through its test in `npm test`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === "node_modules" || name === "migrations" ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, path), "utf8"), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The repository-relative path an import points at ("lib/inbox/reply"), or null for a package. */
function targetOf(from: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return relative(root, resolve(root, dirname(from), specifier));
  return null;
}

/** Tests and their fixtures may reach across folders: they are not part of the running code. */
const isTest = (path: string) => /\.(test|fixtures)\.tsx?$/.test(path);

export function findLayeringViolations(): string[] {
  const problems: string[] = [];
  const libEdges = new Map<string, Map<string, string>>(); // folder → folder → an example file

  for (const file of sourceFiles("lib")) {
    for (const specifier of importsOf(file)) {
      if (/^(next|next-auth|react|react-dom)(\/|$)/.test(specifier)) problems.push(`${file} imports ${specifier}: lib/ is framework-free`);
      const target = targetOf(file, specifier);
      if (target && /^(app|components)\//.test(target)) problems.push(`${file} imports ${specifier}: lib/ may not import app/ or components/`);
      if (!target?.startsWith("lib/") || isTest(file)) continue;
      // A folder of lib/ is one node; so is a file at lib/'s top (lib/command.ts is "command").
      const from = file.split("/")[1]?.replace(/\.tsx?$/, "");
      const to = target.split("/")[1]?.replace(/\.tsx?$/, "");
      if (!from || !to || from === to) continue;
      if (!libEdges.has(from)) libEdges.set(from, new Map());
      if (!libEdges.get(from)!.has(to)) libEdges.get(from)!.set(to, file);
    }
  }

  for (const file of sourceFiles("db")) {
    for (const specifier of importsOf(file)) {
      const target = targetOf(file, specifier);
      if (target && /^(lib|app|components|scripts)\//.test(target)) problems.push(`${file} imports ${specifier}: db/ imports nothing above it`);
    }
  }

  for (const file of sourceFiles("components")) {
    for (const specifier of importsOf(file)) {
      const target = targetOf(file, specifier);
      if (target?.startsWith("app/") && !/\/actions(\.ts)?$/.test(target)) {
        problems.push(`${file} imports ${specifier}: components/ may import from app/ only a route's actions.ts`);
      }
    }
  }

  for (const cycle of folderCycles(libEdges)) {
    const steps = cycle.map((folder, i) => {
      const next = cycle[(i + 1) % cycle.length];
      return `lib/${folder} → lib/${next} (${libEdges.get(folder)!.get(next)})`;
    });
    problems.push(`import cycle between lib/ folders: ${steps.join(", ")}`);
  }
  return problems;
}

/** Every elementary cycle's folders, found once each (depth-first from each folder in name order). */
function folderCycles(edges: Map<string, Map<string, string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (start: string, path: string[]) => {
    const current = path[path.length - 1];
    for (const next of edges.get(current)?.keys() ?? []) {
      if (next === start) {
        const key = [...path].sort().join(">");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...path]);
        }
      } else if (next > start && !path.includes(next)) {
        visit(start, [...path, next]);
      }
    }
  };
  for (const start of [...edges.keys()].sort()) visit(start, [start]);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = findLayeringViolations();
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? "Layering: no violations." : `Layering: ${problems.length} violation(s).`);
  process.exit(problems.length === 0 ? 0 : 1);
}
