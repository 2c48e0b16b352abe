import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export class PgliteLockedError extends Error {}

/** The lock file beside a PGlite data folder (outside it, so PGlite never sees it). */
export const pgliteLockFile = (dataDir: string) => path.join(path.dirname(path.resolve(dataDir)), `${path.basename(path.resolve(dataDir))}.lock`);

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * An exclusive lock on a PGlite data folder for this process: PGlite has no lock of its own, and
 * two processes writing one folder silently lose acknowledged data. The lock file holds the
 * owner's pid; a second process fails at once with a clear message, and a lock left by a process
 * that no longer runs (crash, kill -9) is taken over. Returns the release function (also run at exit).
 */
export function lockPgliteFolder(dataDir: string): () => void {
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const file = pgliteLockFile(dataDir);
  const mine = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, mine, { flag: "wx", mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (readFileSync(file, "utf8") === mine) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner = "";
    try {
      owner = readFileSync(file, "utf8").trim();
    } catch {
      continue; // released meanwhile: try again
    }
    const [pidText, host] = owner.split("@");
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid > 0 && (host !== hostname() || alive(pid))) {
      throw new PgliteLockedError(
        `The embedded database in ${path.resolve(dataDir)} is in use by another process (pid ${pid}${host !== hostname() ? ` on ${host}` : ""}). ` +
          `Stop that server first (only one process may open a PGlite folder), or use another PGLITE_DIR. ` +
          `If no such process runs, delete ${file}.`,
      );
    }
    // The owner is gone: take the lock over.
    try {
      unlinkSync(file);
    } catch {
      // someone else took it over first
    }
  }
  throw new PgliteLockedError(`Could not lock ${path.resolve(dataDir)}: another process keeps taking ${file}.`);
}
