import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { groupMembers, groups, tags, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";

/** Who can be an assignee ("Agent" dropdown) and the groups of the "Assignment" filter. */
export async function listAssignableAgents({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "inbox.view");
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.accountId, actor.accountId), eq(users.accessLevel, "agent")))
    .orderBy(asc(users.name), asc(users.id));
}

export async function listAgentGroups({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "inbox.view");
  const rows = await db
    .select({ id: groups.id, name: groups.name, userId: groupMembers.userId })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .where(eq(groups.accountId, actor.accountId))
    .orderBy(asc(groups.name));
  const byId = new Map<string, { id: string; name: string; memberIds: string[] }>();
  for (const r of rows) {
    const g = byId.get(r.id) ?? { id: r.id, name: r.name, memberIds: [] };
    byId.set(r.id, g);
    if (r.userId) g.memberIds.push(r.userId);
  }
  return [...byId.values()];
}

export async function listTags({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "inbox.view");
  return db.select({ id: tags.id, name: tags.name }).from(tags).where(eq(tags.accountId, actor.accountId)).orderBy(asc(tags.name));
}
