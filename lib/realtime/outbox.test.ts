import { asc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { accounts, events } from "@/db/schema";
import { accountChannel, MAX_EVENT_PAYLOAD_BYTES, recordEvents, userChannel } from "./outbox";
import { accountWithRoles } from "./realtime.fixtures";

const t = useTestDatabase({ poolSize: 20 });

describe("recordEvents", () => {
  test("numbers each account's events consecutively, in the order given", async () => {
    const a = await accountWithRoles(t.db, "A");
    const b = await accountWithRoles(t.db, "B");
    const written = await t.db.transaction((tx) =>
      recordEvents({
        tx,
        events: [
          { accountId: a.accountId, channel: accountChannel(a.accountId), type: "a1", payload: { n: 1 } },
          { accountId: b.accountId, channel: accountChannel(b.accountId), type: "b1", payload: {} },
          { accountId: a.accountId, channel: userChannel(a.agent.userId), type: "a2", payload: { n: 2 } },
        ],
      }),
    );
    expect(written.map((w) => w.seq)).toEqual([1, 2, 1]);
    const rows = await t.db.select().from(events).where(eq(events.accountId, a.accountId)).orderBy(asc(events.seq));
    expect(rows.map((r) => [r.seq, r.type, r.channel, r.payload, r.publishedAt])).toEqual([
      [1, "a1", accountChannel(a.accountId), { n: 1 }, null],
      [2, "a2", userChannel(a.agent.userId), { n: 2 }, null],
    ]);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, a.accountId));
    expect(account.lastEventSeq).toBe(2);
  });

  test("concurrent commands get unique, gap-free numbers", async () => {
    const a = await accountWithRoles(t.db);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.db.transaction((tx) =>
          recordEvents({
            tx,
            events: [0, 1].map((j) => ({ accountId: a.accountId, channel: accountChannel(a.accountId), type: `e${i}.${j}`, payload: {} })),
          }),
        ),
      ),
    );
    const rows = await t.db.select().from(events).where(eq(events.accountId, a.accountId)).orderBy(asc(events.seq));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Each command's two events are adjacent: numbers are handed out under the account lock.
    for (let i = 0; i < 60; i += 2) expect(rows[i].type.split(".")[0]).toBe(rows[i + 1].type.split(".")[0]);
  });

  test("refuses an oversize payload and an unknown account, recording nothing", async () => {
    const a = await accountWithRoles(t.db);
    const big = { text: "x".repeat(MAX_EVENT_PAYLOAD_BYTES) };
    await expect(
      t.db.transaction((tx) => recordEvents({ tx, events: [{ accountId: a.accountId, channel: accountChannel(a.accountId), type: "big", payload: big }] })),
    ).rejects.toThrow(/exceeds/);
    const ghost = "00000000-0000-4000-8000-000000000000";
    await expect(
      t.db.transaction((tx) => recordEvents({ tx, events: [{ accountId: ghost, channel: accountChannel(ghost), type: "x", payload: {} }] })),
    ).rejects.toThrow(/not found/);
    expect(await t.db.select().from(events)).toEqual([]);
  });
});
