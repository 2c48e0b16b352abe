import { asc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { accounts, events } from "@/db/schema";
import { MAX_EVENT_PAYLOAD_BYTES, recordEvents } from "./outbox";
import { accountChannel, userChannel } from "./realtime-channel-names";
import { accountWithRoles, labelled, labelOf } from "./realtime.fixtures";

const t = useTestDatabase({ poolSize: 20 });

describe("recordEvents", () => {
  test("numbers each account's events consecutively, in the order given", async () => {
    const a = await accountWithRoles(t.db, "A");
    const b = await accountWithRoles(t.db, "B");
    const written = await t.db.transaction((tx) =>
      recordEvents({
        tx,
        events: [
          labelled(a.accountId, "a1"),
          labelled(b.accountId, "b1"),
          labelled(a.accountId, "a2", userChannel(a.agent.userId)),
        ],
      }),
    );
    expect(written.map((w) => w.seq)).toEqual([1, 2, 1]);
    const rows = await t.db.select().from(events).where(eq(events.accountId, a.accountId)).orderBy(asc(events.seq));
    expect(rows.map((r) => [r.seq, r.type, r.channel, r.payload, r.publishedAt])).toEqual([
      [1, "contact.changed", accountChannel(a.accountId), { contactId: "a1" }, null],
      [2, "contact.changed", userChannel(a.agent.userId), { contactId: "a2" }, null],
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
            events: [0, 1].map((j) => labelled(a.accountId, `e${i}.${j}`)),
          }),
        ),
      ),
    );
    const rows = await t.db.select().from(events).where(eq(events.accountId, a.accountId)).orderBy(asc(events.seq));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Each command's two events are adjacent: numbers are handed out under the account lock.
    for (let i = 0; i < 60; i += 2) expect(labelOf(rows[i]).split(".")[0]).toBe(labelOf(rows[i + 1]).split(".")[0]);
  });

  test("refuses an oversize payload and an unknown account, recording nothing", async () => {
    const a = await accountWithRoles(t.db);
    const big = labelled(a.accountId, "x".repeat(MAX_EVENT_PAYLOAD_BYTES));
    await expect(
      t.db.transaction((tx) => recordEvents({ tx, events: [big] })),
    ).rejects.toThrow(/exceeds/);
    const ghost = "00000000-0000-4000-8000-000000000000";
    await expect(
      t.db.transaction((tx) => recordEvents({ tx, events: [labelled(ghost, "x")] })),
    ).rejects.toThrow(/not found/);
    expect(await t.db.select().from(events)).toEqual([]);
  });
});
