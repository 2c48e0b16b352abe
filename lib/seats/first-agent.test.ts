import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, roleChanges } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createTestAccount, levelOf } from "@/lib/accounts/accounts.fixtures";
import { startTrial } from "@/lib/billing/start-trial";
import { includedFreeSeats } from "./included-seats";

const t = useTestDatabase();
const now = new Date("2026-11-29T12:00:00Z");
const env = { TRIAL_DAYS: "14", TRIAL_SEATS: "3" };

describe("included free seats and the first Agent", () => {
  it("INCLUDED_FREE_SEATS: default 1, any whole number 0–1000, anything else refused loudly", () => {
    expect(includedFreeSeats({})).toBe(1);
    expect(includedFreeSeats({ INCLUDED_FREE_SEATS: "0" })).toBe(0);
    expect(includedFreeSeats({ INCLUDED_FREE_SEATS: "5" })).toBe(5);
    for (const bad of ["-1", "1.5", "lots", "1001"]) expect(() => includedFreeSeats({ INCLUDED_FREE_SEATS: bad })).toThrow(/INCLUDED_FREE_SEATS/);
  });

  it("starting the trial makes the primary admin with no level an Agent (recorded, with events)", async () => {
    const a = await createTestAccount({ db: t.db, included: 1 });
    const started = await startTrial({ db: t.db, actor: a.owner, input: {}, now, env });
    expect(started).toMatchObject({ ok: true });
    expect(await levelOf(t.db, a.owner.userId)).toBe("agent");
    const [change] = await t.db.select().from(roleChanges).where(eq(roleChanges.accountId, a.accountId));
    expect(change).toMatchObject({ userId: a.owner.userId, fromLevel: "none", toLevel: "agent" });
    const types = (await t.db.select().from(events).where(eq(events.accountId, a.accountId))).map((e) => e.type);
    expect(types).toEqual(["seats.changed", "roles.changed", "access.changed"]);
  });

  it("…but not when every seat is taken, nor when they already chose a level", async () => {
    const full = await createTestAccount({ db: t.db, included: 0 });
    for (let i = 0; i < 3; i++) await full.addUser({ level: "agent" });
    expect(await startTrial({ db: t.db, actor: full.owner, input: {}, now, env })).toMatchObject({ ok: true });
    expect(await levelOf(t.db, full.owner.userId)).toBe("none");

    const viewer = await createTestAccount({ db: t.db, ownerLevel: "viewer" });
    expect(await startTrial({ db: t.db, actor: viewer.owner, input: {}, now, env })).toMatchObject({ ok: true });
    expect(await levelOf(t.db, viewer.owner.userId)).toBe("viewer");
  });
});
