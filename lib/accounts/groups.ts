import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { accounts, groupMembers, groups, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { groupsChanged } from "@/lib/realtime/events";
import { fail, failField, isUniqueViolation, ok, type Result } from "@/lib/result";

const GROUP_NOT_FOUND = "Group not found.";

const groupName = z
  .string({ error: "Name the group." })
  .trim()
  .min(1, "Name the group.")
  .max(60, "Keep the name to 60 characters.")
  .regex(/^[^<>]+$/, "Group names cannot contain angle brackets.");

const NAME_TAKEN = failField("name", "Another group already has this name.");

/** Whether another group of the account has this name, ignoring case; the account row is locked first, so concurrent namings are serialized. */
async function nameTaken(tx: Db, accountId: string, name: string, exceptId?: string) {
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for("update");
  const [row] = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.accountId, accountId), sql`lower(${groups.name}) = lower(${name})`, exceptId ? sql`${groups.id} <> ${exceptId}` : undefined));
  return !!row;
}

/** The group, locked for this change; null when it is not the account's. */
async function lockGroup(tx: Db, accountId: string, groupId: string) {
  const [group] = await tx
    .select()
    .from(groups)
    .where(and(eq(groups.id, groupId), eq(groups.accountId, accountId)))
    .for("update");
  return group ?? null;
}

export const createGroupInput = z.object({ name: groupName });

/** A group of the account's users (e.g. "Billing"): conversations can be assigned to it. */
export const createGroup = defineCommand({
  permission: "groups.manage",
  input: createGroupInput,
  async run({ tx, actor, input: { name }, emit }): Promise<Result<{ groupId: string }>> {
    if (await nameTaken(tx, actor.accountId, name)) return NAME_TAKEN;
    const [group] = await tx.insert(groups).values({ accountId: actor.accountId, name }).returning({ id: groups.id });
    emit(groupsChanged(actor.accountId, group.id));
    return ok({ groupId: group.id });
  },
  rescue: (error) => (isUniqueViolation(error, "groups_account_name_unique") ? NAME_TAKEN : undefined),
});

export const renameGroupInput = z.object({ groupId: z.string().uuid(GROUP_NOT_FOUND), name: groupName });

/** Renames a group; the Admin group keeps its name (it is what makes admins, SPEC §1). */
export const renameGroup = defineCommand({
  permission: "groups.manage",
  input: renameGroupInput,
  async run({ tx, actor, input: { groupId, name }, emit }): Promise<Result<{ groupId: string }>> {
    const group = await lockGroup(tx, actor.accountId, groupId);
    if (!group) return fail(GROUP_NOT_FOUND);
    if (group.isAdminGroup) return failField("name", "The Admin group keeps its name.");
    if (await nameTaken(tx, actor.accountId, name, groupId)) return NAME_TAKEN;
    await tx.update(groups).set({ name }).where(eq(groups.id, groupId));
    emit(groupsChanged(actor.accountId, groupId));
    return ok({ groupId });
  },
  rescue: (error) => (isUniqueViolation(error, "groups_account_name_unique") ? NAME_TAKEN : undefined),
});

export const deleteGroupInput = z.object({ groupId: z.string().uuid(GROUP_NOT_FOUND) });

/** Deletes a group: its members stay users, its conversations become unassigned; the Admin group cannot be deleted. */
export const deleteGroup = defineCommand({
  permission: "groups.manage",
  input: deleteGroupInput,
  async run({ tx, actor, input: { groupId }, emit }): Promise<Result<{ groupId: string }>> {
    const group = await lockGroup(tx, actor.accountId, groupId);
    if (!group) return fail(GROUP_NOT_FOUND);
    if (group.isAdminGroup) return fail("The Admin group cannot be deleted: its members are the account's admins.");
    await tx.delete(groups).where(eq(groups.id, groupId));
    emit(groupsChanged(actor.accountId, groupId));
    return ok({ groupId });
  },
});

export const groupMemberInput = z.object({ groupId: z.string().uuid(GROUP_NOT_FOUND), userId: z.string().uuid("User not found.") });

/** Adds a user of the account to a group; adding to the Admin group makes them an admin. */
export const addGroupMember = defineCommand({
  permission: "groups.manage",
  input: groupMemberInput,
  async run({ tx, actor, input: { groupId, userId }, emit }): Promise<Result<{ added: boolean }>> {
    const group = await lockGroup(tx, actor.accountId, groupId);
    if (!group) return fail(GROUP_NOT_FOUND);
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.accountId, actor.accountId)));
    if (!user) return failField("userId", "User not found.");
    const added = await tx.insert(groupMembers).values({ accountId: actor.accountId, groupId, userId }).onConflictDoNothing().returning();
    if (added.length) emit(groupsChanged(actor.accountId, groupId));
    return ok({ added: added.length > 0 });
  },
});

/**
 * Removes a user from a group. From the Admin group: never the primary admin (always an admin,
 * SPEC §1), and never the last admin. The Admin group's row is locked first, so two admins
 * removing each other at once are serialized and one of them stays.
 */
export const removeGroupMember = defineCommand({
  permission: "groups.manage",
  input: groupMemberInput,
  async run({ tx, actor, input: { groupId, userId }, emit }): Promise<Result<{ removed: boolean }>> {
    const group = await lockGroup(tx, actor.accountId, groupId);
    if (!group) return fail(GROUP_NOT_FOUND);
    if (group.isAdminGroup) {
      const [user] = await tx.select({ isPrimaryAdmin: users.isPrimaryAdmin }).from(users).where(and(eq(users.id, userId), eq(users.accountId, actor.accountId)));
      if (user?.isPrimaryAdmin) return fail("The primary admin always stays in the Admin group.");
      const [{ admins }] = await tx
        .select({ admins: sql<number>`count(*)::int` })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), sql`${groupMembers.userId} <> ${userId}`));
      if (admins === 0) return fail("The account needs at least one admin: make someone else an admin first.");
    }
    const removed = await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId), eq(groupMembers.accountId, actor.accountId)))
      .returning();
    if (removed.length) emit(groupsChanged(actor.accountId, groupId));
    return ok({ removed: removed.length > 0 });
  },
});

export type GroupWithMembers = { id: string; name: string; isAdminGroup: boolean; members: { id: string; name: string; isPrimaryAdmin: boolean }[] };

/** The account's groups, Admin first, with their members. Admins only. */
export async function listGroups({ db, actor }: { db: Db; actor: Actor }): Promise<GroupWithMembers[]> {
  requirePermission(actor, "groups.manage");
  const rows = await db
    .select({ id: groups.id, name: groups.name, isAdminGroup: groups.isAdminGroup, userId: users.id, userName: users.name, isPrimaryAdmin: users.isPrimaryAdmin })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .leftJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groups.accountId, actor.accountId))
    .orderBy(sql`${groups.isAdminGroup} DESC`, asc(groups.name), asc(users.name));
  const byId = new Map<string, GroupWithMembers>();
  for (const row of rows) {
    const group = byId.get(row.id) ?? { id: row.id, name: row.name, isAdminGroup: row.isAdminGroup, members: [] };
    byId.set(row.id, group);
    if (row.userId) group.members.push({ id: row.userId, name: row.userName ?? "", isPrimaryAdmin: row.isPrimaryAdmin ?? false });
  }
  return [...byId.values()];
}
