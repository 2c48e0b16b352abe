import { fork } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { openDatabase } from "./database";
import { pgliteLockFile } from "./pglite-lock";

const scratch = () => mkdtempSync(path.join(tmpdir(), "pglite-lock-"));

describe("one process per PGlite folder (issue 12, item 4)", () => {
  test("a second process on the same folder fails at once with a clear message; the folder opens again once the first is gone", async () => {
    const dir = path.join(scratch(), "nested", "pglite");
    // The first "server": another process holding the database open.
    const first = fork(path.join("db", "pglite-lock.fixtures.ts"), [dir], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    await new Promise<void>((resolve, reject) => {
      first.on("message", (m) => (m === "open" ? resolve() : reject(new Error(String(m)))));
      first.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
    });
    const started = Date.now();
    await expect(openDatabase({ url: "", dataDir: dir })).rejects.toThrow(/is in use by another process \(pid \d+\)/);
    expect(Date.now() - started).toBeLessThan(2000);

    first.kill("SIGKILL"); // a crash: the lock file stays, its owner is gone
    await new Promise((resolve) => first.on("exit", resolve));
    expect(existsSync(pgliteLockFile(dir))).toBe(true);
    const again = await openDatabase({ url: "", dataDir: dir });
    await again.migrate();
    await again.close();
    expect(existsSync(pgliteLockFile(dir))).toBe(false);
  }, 180_000);

  test("a missing data folder (rm -rf .data) is created with its parents", async () => {
    const dir = path.join(scratch(), "a", "b", "pglite");
    const handle = await openDatabase({ url: "", dataDir: dir });
    await handle.close();
    expect(existsSync(dir)).toBe(true);
  }, 180_000);

  test("a lock left by a process that no longer runs is taken over", async () => {
    const dir = path.join(scratch(), "pglite");
    writeFileSync(pgliteLockFile(dir), `999999999@${hostname()}`);
    const handle = await openDatabase({ url: "", dataDir: dir });
    await handle.close();
  }, 180_000);
});
