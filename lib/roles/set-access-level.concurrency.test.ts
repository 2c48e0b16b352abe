import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { events, roleChanges, users } from "@/db/schema";
import { createTestAccount } from "@/lib/accounts/accounts.fixtures";
import { countOccupiedSeats } from "@/lib/seats/capacity";
import { setAccessLevel, type SetAccessLevelResult } from "./set-access-level";

// Real parallel transactions on PostgreSQL (PGlite runs them one after another; the rules hold either way).
const t = useTestDatabase({ poolSize: 25 });

async function levels(ids: string[]) {
  const rows = await t.db.select({ id: users.id, level: users.accessLevel }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.level]));
}

/** Replays the account's roles.changed events in commit (seq) order: seats never exceed capacity at any point. */
async function assertEventTrail(accountId: string, startOccupied: number, capacity: number) {
  const trail = await t.db
    .select({ payload: events.payload })
    .from(events)
    .where(and(eq(events.accountId, accountId), eq(events.type, "roles.changed")))
    .orderBy(events.seq);
  let occupied = startOccupied;
  for (const { payload } of trail) {
    const p = payload as { fromLevel: string; toLevel: string; occupied: number };
    occupied += (p.toLevel === "agent" ? 1 : 0) - (p.fromLevel === "agent" ? 1 : 0);
    expect(p.occupied).toBe(occupied);
    expect(occupied).toBeLessThanOrEqual(capacity);
  }
  return trail.length;
}

describe("setAccessLevel under concurrency", () => {
  test("one free seat, 20 parallel promotions of 20 different users: exactly one succeeds", async () => {
    const acct = await createTestAccount({ db: t.db, purchased: 3 });
    const admins = [acct.owner, await acct.addUser({ admin: true }), await acct.addUser({ admin: true })];
    await acct.addUser({ level: "agent" });
    await acct.addUser({ level: "agent" });
    const candidates = await Promise.all(Array.from({ length: 20 }, (_, i) => acct.addUser({ level: i % 2 ? "viewer" : "none" })));

    // Several admins acting at the same moment.
    const results = await Promise.all(
      candidates.map((c, i) =>
        setAccessLevel({ db: t.db, actor: admins[i % admins.length], input: { userId: c.userId, level: "agent" } }),
      ),
    );

    const won = results.filter((r) => r.ok);
    const lost = results.filter((r): r is Extract<SetAccessLevelResult, { ok: false }> => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r).toMatchObject({ code: "no_free_seats", error: "No free seats: all 3 seats are in use." });
    expect(await countOccupiedSeats({ db: t.db, accountId: acct.accountId })).toBe(3);

    const after = await levels(candidates.map((c) => c.userId));
    results.forEach((r, i) => expect(after.get(candidates[i].userId) === "agent").toBe(r.ok));
    expect(await t.db.select().from(roleChanges).where(eq(roleChanges.accountId, acct.accountId))).toHaveLength(1);
    expect(await assertEventTrail(acct.accountId, 2, 3)).toBe(1);
  });

  test("seats full, 10 demotions and 10 promotions at once: never above capacity, every result matches the final state", async () => {
    const capacity = 10;
    const acct = await createTestAccount({ db: t.db, purchased: 8, included: 2 });
    const admin = await acct.addUser({ admin: true });
    const agents = await Promise.all(Array.from({ length: capacity }, () => acct.addUser({ level: "agent" })));
    const others = await Promise.all(Array.from({ length: 10 }, () => acct.addUser({ level: "viewer" })));
    const receiver = agents[0];
    const demoted = agents.slice(1);

    const jobs = [
      ...demoted.map((a, i) => ({
        userId: a.userId,
        level: "none" as const,
        transferTo: i % 2 ? receiver.userId : "unassigned",
        actor: i % 2 ? admin : acct.owner,
      })),
      ...others.map((o, i) => ({ userId: o.userId, level: "agent" as const, transferTo: undefined, actor: i % 2 ? admin : acct.owner })),
    ].sort((a, b) => a.userId.localeCompare(b.userId)); // interleave demotions and promotions

    const results = await Promise.all(
      jobs.map((j) => setAccessLevel({ db: t.db, actor: j.actor, input: { userId: j.userId, level: j.level, transferTo: j.transferTo } })),
    );

    const after = await levels(jobs.map((j) => j.userId));
    results.forEach((r, i) => {
      const job = jobs[i];
      if (job.level === "none") {
        // Demotions never fail: the receiver stays an Agent throughout.
        expect(r).toMatchObject({ ok: true });
        expect(after.get(job.userId)).toBe("none");
      } else if (r.ok) {
        expect(after.get(job.userId)).toBe("agent");
      } else {
        expect(r).toMatchObject({ code: "no_free_seats" });
        expect(after.get(job.userId)).toBe("viewer");
      }
    });
    const promoted = results.filter((r, i) => r.ok && jobs[i].level === "agent").length;
    const occupied = await countOccupiedSeats({ db: t.db, accountId: acct.accountId });
    expect(occupied).toBe(capacity - demoted.length + promoted);
    expect(occupied).toBeLessThanOrEqual(capacity);
    const history = await t.db.select().from(roleChanges).where(eq(roleChanges.accountId, acct.accountId));
    expect(history).toHaveLength(demoted.length + promoted);
    expect(await assertEventTrail(acct.accountId, capacity, capacity)).toBe(demoted.length + promoted);
  });

  test("two admins demoting each other's hand-over receiver at once: no conversation could go to a non-agent", async () => {
    const acct = await createTestAccount({ db: t.db, purchased: 2 });
    const a = await acct.addUser({ level: "agent" });
    const b = await acct.addUser({ level: "agent" });
    // a hands over to b while b hands over to a: whichever commits second names a receiver that is no longer an Agent.
    const [ra, rb] = await Promise.all([
      setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: a.userId, level: "viewer", transferTo: b.userId } }),
      setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: b.userId, level: "viewer", transferTo: a.userId } }),
    ]);
    expect([ra.ok, rb.ok].sort()).toEqual([false, true]);
    expect([ra, rb].find((r) => !r.ok)).toMatchObject({ code: "invalid_hand_over" });
    expect(await countOccupiedSeats({ db: t.db, accountId: acct.accountId })).toBe(1);
  });
});
