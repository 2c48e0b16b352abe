import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import { enqueueJob } from "./enqueue-job";

const t = useTestDatabase();

const jobs = () => rowsOf<{ name: string; data: { n: number } }>(t.db, sql`SELECT name, data FROM pgboss.job ORDER BY created_on`);

describe("enqueueJob", () => {
  it("writes the job with the transaction: committed, it is there; rolled back, it is not", async () => {
    await t.db.transaction((tx) => enqueueJob(tx, "send-mail", { n: 1 }));
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueJob(tx, "send-mail", { n: 2 });
        throw new Error("the command failed after writing its job");
      }),
    ).rejects.toThrow("the command failed");
    expect(await jobs()).toEqual([{ name: "send-mail", data: { n: 1 } }]);
  });

  it("refuses a queue that was never created, so a job is never silently dropped", async () => {
    await expect(t.db.transaction((tx) => enqueueJob(tx, "no-such-queue" as never, {}))).rejects.toThrow(/missing/);
  });
});
