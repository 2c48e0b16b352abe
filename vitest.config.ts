import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./db/test-global-setup.ts"],
    setupFiles: ["./db/test-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // PGlite runs in the test process itself (single-threaded WASM): two files at once keep both
    // cores busy (the PGlite suite 8.5 → 6.4 min). On PostgreSQL the server needs a core of its own.
    maxWorkers: process.env.DATABASE_URL ? undefined : 2,
    // Attachments written by tests go to a throwaway folder, never the working copy's .data/files.
    env: { BCRYPT_COST: "4", FILES_DIR: path.join(tmpdir(), `conversations-test-files-${process.pid}`) },
  },
});
