import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { events, groupMembers, groups } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { loadActor } from "./actor";
import { addGroupMember, createGroup, deleteGroup, listGroups, removeGroupMember, renameGroup } from "./groups";

// poolSize: on PostgreSQL the race below runs as real parallel transactions.
const t = useTestDatabase({ poolSize: 12 });

async function adminGroupId(accountId: string) {
  const [g] = await t.db.select().from(groups).where(and(eq(groups.accountId, accountId), eq(groups.isAdminGroup, true)));
  return g.id;
}

describe("groups (Settings → Team)", () => {
  test("an admin creates, renames and deletes a group and manages its members; events for other open pages", async () => {
    const a = await createInboxAccount(t.db);
    const created = await createGroup({ db: t.db, actor: a.viewerAdmin, input: { name: "Billing" } });
    if (!created.ok) throw new Error(created.error);
    const { groupId } = created.value;
    expect(await addGroupMember({ db: t.db, actor: a.owner, input: { groupId, userId: a.carol.userId } })).toMatchObject({ ok: true, value: { added: true } });
    expect(await addGroupMember({ db: t.db, actor: a.owner, input: { groupId, userId: a.carol.userId } })).toMatchObject({ ok: true, value: { added: false } });
    expect(await renameGroup({ db: t.db, actor: a.owner, input: { groupId, name: "Billing & refunds" } })).toMatchObject({ ok: true });
    const listed = await listGroups({ db: t.db, actor: a.owner });
    expect(listed[0]).toMatchObject({ name: "Admin", isAdminGroup: true });
    expect(listed.find((g) => g.id === groupId)).toMatchObject({ name: "Billing & refunds", members: [{ id: a.carol.userId }] });
    expect(await removeGroupMember({ db: t.db, actor: a.owner, input: { groupId, userId: a.carol.userId } })).toMatchObject({ ok: true, value: { removed: true } });
    expect(await deleteGroup({ db: t.db, actor: a.owner, input: { groupId } })).toMatchObject({ ok: true });
    expect(await t.db.select().from(groups).where(eq(groups.id, groupId))).toHaveLength(0);
    const emitted = await t.db.select().from(events).where(and(eq(events.accountId, a.accountId), eq(events.type, "groups.changed")));
    expect(emitted).toHaveLength(5);
  });

  test("Admin group membership is what makes an admin; the primary admin never leaves it; the Admin group stays", async () => {
    const a = await createInboxAccount(t.db);
    const adminId = await adminGroupId(a.accountId);
    expect((await loadActor({ db: t.db, userId: a.carol.userId }))!.isAdmin).toBe(false);
    await addGroupMember({ db: t.db, actor: a.owner, input: { groupId: adminId, userId: a.carol.userId } });
    expect((await loadActor({ db: t.db, userId: a.carol.userId }))!.isAdmin).toBe(true);
    expect(await removeGroupMember({ db: t.db, actor: a.viewerAdmin, input: { groupId: adminId, userId: a.carol.userId } })).toMatchObject({ ok: true });
    expect((await loadActor({ db: t.db, userId: a.carol.userId }))!.isAdmin).toBe(false);

    expect(await removeGroupMember({ db: t.db, actor: a.viewerAdmin, input: { groupId: adminId, userId: a.owner.userId } })).toMatchObject({
      ok: false,
      error: "The primary admin always stays in the Admin group.",
    });
    expect(await deleteGroup({ db: t.db, actor: a.owner, input: { groupId: adminId } })).toMatchObject({ ok: false, error: expect.stringContaining("cannot be deleted") });
    expect(await renameGroup({ db: t.db, actor: a.owner, input: { groupId: adminId, name: "Bosses" } })).toMatchObject({ ok: false });
    // An admin may leave (the primary admin remains).
    expect(await removeGroupMember({ db: t.db, actor: a.viewerAdmin, input: { groupId: adminId, userId: a.viewerAdmin.userId } })).toMatchObject({ ok: true });
    const members = await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, adminId));
    expect(members.map((m) => m.userId)).toEqual([a.owner.userId]);
  });

  test("never zero admins: without the primary admin in the group, its last member stays", async () => {
    const a = await createInboxAccount(t.db);
    const adminId = await adminGroupId(a.accountId);
    // An account whose primary admin row is missing from the group (old data): the last member cannot leave.
    await t.db.delete(groupMembers).where(and(eq(groupMembers.groupId, adminId), eq(groupMembers.userId, a.owner.userId)));
    expect(await removeGroupMember({ db: t.db, actor: a.owner, input: { groupId: adminId, userId: a.viewerAdmin.userId } })).toMatchObject({
      ok: false,
      error: expect.stringContaining("at least one admin"),
    });
  });

  test("bad input, agents, viewers, No access and other accounts change nothing", async () => {
    const a = await createInboxAccount(t.db);
    const b = await createInboxAccount(t.db, "Other Co");
    for (const name of ["", " ", "x".repeat(61), "<b>Bold</b>", "support"]) {
      expect(await createGroup({ db: t.db, actor: a.owner, input: { name } })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    }
    for (const actor of [a.alice, a.viewer, a.nobody]) {
      await expect(createGroup({ db: t.db, actor, input: { name: "Sneaky" } })).rejects.toThrow(ForbiddenError);
      await expect(addGroupMember({ db: t.db, actor, input: { groupId: a.supportGroupId, userId: actor.userId } })).rejects.toThrow(ForbiddenError);
      await expect(listGroups({ db: t.db, actor })).rejects.toThrow(ForbiddenError);
    }
    expect(await renameGroup({ db: t.db, actor: b.owner, input: { groupId: a.supportGroupId, name: "Mine" } })).toMatchObject({ ok: false, error: "Group not found." });
    expect(await deleteGroup({ db: t.db, actor: b.owner, input: { groupId: a.supportGroupId } })).toMatchObject({ ok: false, error: "Group not found." });
    expect(await addGroupMember({ db: t.db, actor: b.owner, input: { groupId: a.supportGroupId, userId: b.owner.userId } })).toMatchObject({ ok: false });
    // A user of another account cannot be added to this account's group.
    expect(await addGroupMember({ db: t.db, actor: a.owner, input: { groupId: a.supportGroupId, userId: b.carol.userId } })).toMatchObject({ ok: false, fieldErrors: { userId: "User not found." } });
    expect(await removeGroupMember({ db: t.db, actor: b.owner, input: { groupId: a.supportGroupId, userId: a.alice.userId } })).toMatchObject({ ok: false });
    const support = await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, a.supportGroupId));
    expect(support.map((m) => m.userId).sort()).toEqual([a.alice.userId, a.bob.userId].sort());
    expect(await t.db.select().from(groups).where(eq(groups.accountId, a.accountId))).toHaveLength(2);
  });

  test("race: ten admins create the same group name in different cases at once — exactly one exists", async () => {
    const a = await createInboxAccount(t.db);
    const names = ["Billing", "billing", "BILLING", "BiLLing", "billinG", "Billing ", " billing", "bILLING", "BIlling", "biLLing"];
    const results = await Promise.all(names.map((name) => createGroup({ db: t.db, actor: a.owner, input: { name } })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const rows = await t.db.select().from(groups).where(eq(groups.accountId, a.accountId));
    expect(rows.filter((g) => g.name.toLowerCase() === "billing")).toHaveLength(1);
  });
});
