import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { accountSeats, events, roleChanges, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/access/permissions";
import { createTestAccount, levelOf } from "@/lib/accounts/accounts.fixtures";
import { adminsChannel, userChannel } from "@/lib/realtime/realtime-channel-names";
import { countOccupiedSeats } from "@/lib/seats/capacity";
import { listRoleChanges } from "./role-history";
import { rolesOverview } from "./roles-overview";
import { setAccessLevel } from "./set-access-level";

const t = useTestDatabase();

const historyOf = (accountId: string) => t.db.select().from(roleChanges).where(eq(roleChanges.accountId, accountId));
const eventsOf = (accountId: string) => t.db.select().from(events).where(eq(events.accountId, accountId)).orderBy(events.seq);

describe("setAccessLevel", () => {
  test("an admin makes a viewer an Agent: the seat is taken, the change recorded and announced", async () => {
    const acct = await createTestAccount({ db: t.db, purchased: 2 });
    const admin = await acct.addUser({ admin: true, userName: "Ada Admin" });
    const vera = await acct.addUser({ level: "viewer", userName: "Vera" });

    const result = await setAccessLevel({ db: t.db, actor: admin, input: { userId: vera.userId, level: "agent" } });

    expect(result).toEqual({
      ok: true,
      value: { userId: vera.userId, fromLevel: "viewer", toLevel: "agent", changed: true, occupied: 1, capacity: 2, reassigned: 0 },
    });
    expect(await levelOf(t.db, vera.userId)).toBe("agent");
    expect(await countOccupiedSeats({ db: t.db, accountId: acct.accountId })).toBe(1);
    expect(await historyOf(acct.accountId)).toMatchObject([
      { actorId: admin.userId, userId: vera.userId, fromLevel: "viewer", toLevel: "agent" },
    ]);
    expect(await eventsOf(acct.accountId)).toMatchObject([
      {
        channel: adminsChannel(acct.accountId),
        type: "roles.changed",
        payload: { userId: vera.userId, actorId: admin.userId, fromLevel: "viewer", toLevel: "agent", occupied: 1, capacity: 2 },
      },
      // Vera's own open tabs hear it on her channel and re-render with the composer.
      { channel: userChannel(vera.userId), type: "access.changed", payload: { fromLevel: "viewer", toLevel: "agent" } },
    ]);
  });

  test("setting the level a user already has changes nothing and records nothing", async () => {
    const acct = await createTestAccount({ db: t.db, purchased: 1 });
    const agent = await acct.addUser({ level: "agent" });
    const result = await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: agent.userId, level: "agent" } });
    expect(result).toMatchObject({ ok: true, value: { changed: false, fromLevel: "agent", toLevel: "agent", occupied: 1 } });
    expect(await historyOf(acct.accountId)).toHaveLength(0);
    expect(await eventsOf(acct.accountId)).toHaveLength(0);
  });

  test("with every seat taken, making an Agent is refused with a clear message; only the primary admin is offered to buy seats", async () => {
    const acct = await createTestAccount({ db: t.db, purchased: 1, included: 1 });
    const admin = await acct.addUser({ admin: true });
    await acct.addUser({ level: "agent" });
    await acct.addUser({ level: "agent" });
    const viewer = await acct.addUser({ level: "viewer" });

    const byOwner = await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: viewer.userId, level: "agent" } });
    expect(byOwner).toMatchObject({ ok: false, code: "no_free_seats", error: "No free seats: all 2 seats are in use.", canBuySeats: true });
    const byAdmin = await setAccessLevel({ db: t.db, actor: admin, input: { userId: viewer.userId, level: "agent" } });
    expect(byAdmin).toMatchObject({ ok: false, code: "no_free_seats", canBuySeats: false });

    expect(await levelOf(t.db, viewer.userId)).toBe("viewer");
    expect(await historyOf(acct.accountId)).toHaveLength(0);
    expect(await eventsOf(acct.accountId)).toHaveLength(0);
  });

  test("the no-seat message reads well for one and for zero seats", async () => {
    const one = await createTestAccount({ db: t.db, name: "One", included: 1, ownerLevel: "agent" });
    const u1 = await one.addUser();
    expect(await setAccessLevel({ db: t.db, actor: one.owner, input: { userId: u1.userId, level: "agent" } })).toMatchObject({
      error: "No free seats: the only seat is in use.",
    });
    const zero = await createTestAccount({ db: t.db, name: "Zero" });
    const u0 = await zero.addUser();
    expect(await setAccessLevel({ db: t.db, actor: zero.owner, input: { userId: u0.userId, level: "agent" } })).toMatchObject({
      code: "no_free_seats",
      error: "No free seats: this account has no seats yet.",
    });
  });

  test("taking Agent away frees the seat at once, for Viewer and for No access", async () => {
    const acct = await createTestAccount({ db: t.db, purchased: 1 });
    const a = await acct.addUser({ level: "agent" });
    const b = await acct.addUser({ level: "none" });
    const c = await acct.addUser({ level: "none" });

    expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: b.userId, level: "agent" } })).toMatchObject({ code: "no_free_seats" });
    expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: a.userId, level: "viewer" } })).toMatchObject({
      ok: true,
      value: { occupied: 0 },
    });
    expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: b.userId, level: "agent" } })).toMatchObject({ ok: true });
    expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: b.userId, level: "none" } })).toMatchObject({ ok: true });
    expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: c.userId, level: "agent" } })).toMatchObject({ ok: true });
    expect(await countOccupiedSeats({ db: t.db, accountId: acct.accountId })).toBe(1);
    expect((await historyOf(acct.accountId)).map((h) => [h.fromLevel, h.toLevel]).sort()).toEqual(
      [["agent", "viewer"], ["none", "agent"], ["agent", "none"], ["none", "agent"]].sort(),
    );
  });

  test("trial seats count while the trial runs and not after", async () => {
    const acct = await createTestAccount({ db: t.db });
    const ends = new Date("2030-01-10T00:00:00Z");
    await t.db.update(accountSeats).set({ trialSeats: 1, trialEndsAt: ends }).where(eq(accountSeats.accountId, acct.accountId));
    const u = await acct.addUser();
    const late = await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: u.userId, level: "agent" }, now: new Date("2030-01-11T00:00:00Z") });
    expect(late).toMatchObject({ ok: false, code: "no_free_seats" });
    const during = await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: u.userId, level: "agent" }, now: new Date("2030-01-09T00:00:00Z") });
    expect(during).toMatchObject({ ok: true, value: { capacity: 1, occupied: 1 } });
  });

  describe("demoting an agent hands over their open conversations", () => {
    test('to another Agent of the account, or to "Unassigned"', async () => {
      const acct = await createTestAccount({ db: t.db, purchased: 3 });
      const a = await acct.addUser({ level: "agent" });
      const b = await acct.addUser({ level: "agent" });
      const c = await acct.addUser({ level: "agent" });
      expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: a.userId, level: "viewer", transferTo: b.userId } })).toMatchObject({
        ok: true,
        value: { reassigned: 0, occupied: 2 },
      });
      expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: c.userId, level: "none", transferTo: "unassigned" } })).toMatchObject({
        ok: true,
        value: { occupied: 1 },
      });
    });

    test("the receiver must be another current Agent of the same account; otherwise nothing changes", async () => {
      const acct = await createTestAccount({ db: t.db, purchased: 3 });
      const other = await createTestAccount({ db: t.db, name: "Other", purchased: 1 });
      const foreignAgent = await other.addUser({ level: "agent" });
      const a = await acct.addUser({ level: "agent", userName: "Alice" });
      const viewer = await acct.addUser({ level: "viewer" });

      for (const transferTo of [a.userId, viewer.userId, foreignAgent.userId, "00000000-0000-4000-8000-000000000000"]) {
        const result = await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: a.userId, level: "viewer", transferTo } });
        expect(result).toMatchObject({ ok: false, code: "invalid_hand_over", fieldErrors: { transferTo: expect.any(String) } });
      }
      expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: a.userId, level: "viewer", transferTo: a.userId } })).toMatchObject({
        error: "Choose an agent other than Alice to receive the conversations.",
      });
      expect(await levelOf(t.db, a.userId)).toBe("agent");
      expect(await historyOf(acct.accountId)).toHaveLength(0);
    });

    test("a receiver is ignored when the user was not an Agent", async () => {
      const acct = await createTestAccount({ db: t.db, purchased: 1 });
      const viewer = await acct.addUser({ level: "viewer" });
      const result = await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: viewer.userId, level: "none", transferTo: viewer.userId } });
      expect(result).toMatchObject({ ok: true, value: { fromLevel: "viewer", toLevel: "none" } });
    });
  });

  test("a user of another account is refused as not found and stays unchanged", async () => {
    const a = await createTestAccount({ db: t.db, name: "A", purchased: 5 });
    const b = await createTestAccount({ db: t.db, name: "B", purchased: 5 });
    const bUser = await b.addUser({ level: "viewer" });
    const result = await setAccessLevel({ db: t.db, actor: a.owner, input: { userId: bUser.userId, level: "agent" } });
    expect(result).toMatchObject({ ok: false, code: "not_found", error: "That user was not found in your account." });
    expect(await levelOf(t.db, bUser.userId)).toBe("viewer");
    expect(await t.db.select().from(roleChanges)).toHaveLength(0);
  });

  test.each(["none", "viewer", "agent"] as const)("a non-admin at level %s is refused and nothing changes", async (level) => {
    const acct = await createTestAccount({ db: t.db, purchased: 5 });
    const member = await acct.addUser({ level });
    const target = await acct.addUser({ level: "viewer" });
    await expect(setAccessLevel({ db: t.db, actor: member, input: { userId: target.userId, level: "agent" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setAccessLevel({ db: t.db, actor: member, input: { userId: member.userId, level: "agent" } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await levelOf(t.db, target.userId)).toBe("viewer");
    expect(await levelOf(t.db, member.userId)).toBe(level);
  });

  test.each([
    [{ level: "admin" }, "level"],
    [{ level: "" }, "level"],
    [{ level: undefined }, "level"],
    [{ userId: "not-a-uuid" }, "userId"],
    [{ userId: "12345678-1234-1234-1234-12345678901" }, "userId"],
    [{ userId: 42 }, "userId"],
    [{ transferTo: "nobody" }, "transferTo"],
  ])("bad input %o is refused with a message on %s and changes nothing", async (patch, field) => {
    const acct = await createTestAccount({ db: t.db, purchased: 5 });
    const agent = await acct.addUser({ level: "agent" });
    const input = { userId: agent.userId, level: "viewer", ...patch };
    const result = await setAccessLevel({ db: t.db, actor: acct.owner, input });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) return;
    expect(result.fieldErrors?.[field]).toEqual(expect.any(String));
    expect(await levelOf(t.db, agent.userId)).toBe("agent");
    expect(await historyOf(acct.accountId)).toHaveLength(0);
  });

  test("a missing input object is refused, not thrown", async () => {
    const acct = await createTestAccount({ db: t.db });
    expect(await setAccessLevel({ db: t.db, actor: acct.owner, input: undefined })).toMatchObject({ ok: false, code: "invalid_input" });
  });
});

describe("role history", () => {
  test("lists the account's changes newest first with actor and target names, never another account's", async () => {
    const acct = await createTestAccount({ db: t.db, name: "Hist", purchased: 2 });
    const other = await createTestAccount({ db: t.db, name: "Else", purchased: 2 });
    const admin = await acct.addUser({ admin: true, userName: "Ada Admin" });
    const sam = await acct.addUser({ userName: "Sam" });
    const otherUser = await other.addUser();

    await setAccessLevel({ db: t.db, actor: admin, input: { userId: sam.userId, level: "viewer" } });
    await setAccessLevel({ db: t.db, actor: acct.owner, input: { userId: sam.userId, level: "agent" } });
    await setAccessLevel({ db: t.db, actor: other.owner, input: { userId: otherUser.userId, level: "agent" } });

    const history = await listRoleChanges({ db: t.db, actor: admin });
    expect(history.map((h) => [h.actorName, h.userName, h.fromLevel, h.toLevel])).toEqual([
      ["Hist Owner", "Sam", "viewer", "agent"],
      ["Ada Admin", "Sam", "none", "viewer"],
    ]);
    expect(await listRoleChanges({ db: t.db, actor: admin, limit: 1 })).toHaveLength(1);
    expect((await listRoleChanges({ db: t.db, actor: other.owner })).map((h) => h.userName)).toEqual(["Else User 0"]);
  });

  test("non-admins cannot read the history or the overview", async () => {
    const acct = await createTestAccount({ db: t.db, purchased: 1 });
    const agent = await acct.addUser({ level: "agent" });
    await expect(listRoleChanges({ db: t.db, actor: agent })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rolesOverview({ db: t.db, actor: agent })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("roles overview", () => {
  test("every user of the account with group and level, seats used of capacity, and the current agents", async () => {
    const acct = await createTestAccount({ db: t.db, name: "Ov", purchased: 2, included: 1, ownerLevel: "agent" });
    const other = await createTestAccount({ db: t.db, name: "Other" });
    await other.addUser({ level: "agent" });
    const admin = await acct.addUser({ admin: true, userName: "Ada Admin" });
    await acct.addUser({ level: "viewer", userName: "Vera" });
    const alice = await acct.addUser({ level: "agent", userName: "Alice" });

    const overview = await rolesOverview({ db: t.db, actor: admin });
    expect(overview.seats).toEqual({ occupied: 2, capacity: 3 });
    expect(overview.members.map((m) => [m.name, m.groups, m.accessLevel])).toEqual([
      ["Ada Admin", ["Admin"], "none"],
      ["Alice", [], "agent"],
      ["Ov Owner", ["Admin"], "agent"],
      ["Vera", [], "viewer"],
    ]);
    expect(overview.agents.map((a) => a.id).sort()).toEqual([alice.userId, acct.owner.userId].sort());
    expect(overview).toMatchObject({ canManage: true, canBuySeats: false });
    expect(await rolesOverview({ db: t.db, actor: acct.owner })).toMatchObject({ canManage: true, canBuySeats: true });
    await t.db.update(users).set({ accessLevel: "none" }).where(eq(users.id, alice.userId));
    expect((await rolesOverview({ db: t.db, actor: admin })).seats.occupied).toBe(1);
  });
});
