import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/database";
import { roleChanges, users } from "@/db/schema";
import { requirePermission, type AccessLevel, type Actor } from "@/lib/access/permissions";

export type RoleChange = {
  id: string;
  actorName: string | null;
  userId: string;
  userName: string;
  fromLevel: AccessLevel;
  toLevel: AccessLevel;
  createdAt: Date;
};

/** The account's most recent access-level changes, newest first, with who changed whom. */
export async function listRoleChanges({
  db,
  actor,
  limit = 10,
}: {
  db: Db;
  actor: Actor;
  limit?: number;
}): Promise<RoleChange[]> {
  requirePermission(actor, "roles.view");
  const changedBy = alias(users, "changed_by");
  const changed = alias(users, "changed");
  return db
    .select({
      id: roleChanges.id,
      actorName: changedBy.name,
      userId: roleChanges.userId,
      userName: changed.name,
      fromLevel: roleChanges.fromLevel,
      toLevel: roleChanges.toLevel,
      createdAt: roleChanges.createdAt,
    })
    .from(roleChanges)
    .innerJoin(changed, and(eq(changed.id, roleChanges.userId), eq(changed.accountId, roleChanges.accountId)))
    .leftJoin(changedBy, and(eq(changedBy.id, roleChanges.actorId), eq(changedBy.accountId, roleChanges.accountId)))
    .where(eq(roleChanges.accountId, actor.accountId))
    .orderBy(desc(roleChanges.createdAt), desc(roleChanges.id))
    .limit(Math.max(1, Math.min(limit, 100)));
}
