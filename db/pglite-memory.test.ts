import { describe, expect, test } from "vitest";
import { openDatabase } from "./database";
import { pgliteStartParams } from "./pglite-memory";

describe("PGlite's buffer pool (resident memory of the embedded app)", () => {
  test("an opened PGlite runs with 32MB of shared_buffers, not PostgreSQL's 128MB", async () => {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    try {
      const rows = await handle.executeSql("SHOW shared_buffers");
      expect(rows.rows).toEqual([{ shared_buffers: "32MB" }]);
    } finally {
      await handle.close();
    }
    // Starting PGlite in memory runs initdb: tens of seconds on a busy 2-core machine.
  }, 120_000);

  test("PGLITE_SHARED_BUFFERS sets another size after PGlite's own parameters; anything but a size is refused", () => {
    expect(pgliteStartParams(["--single"], { PGLITE_SHARED_BUFFERS: "128MB" })).toEqual(["--single", "-c", "shared_buffers=128MB"]);
    expect(() => pgliteStartParams([], { PGLITE_SHARED_BUFFERS: "128MB -c fsync=off" })).toThrow(/PGLITE_SHARED_BUFFERS/);
  });
});
