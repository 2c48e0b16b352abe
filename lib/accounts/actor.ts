import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { groupMembers, groups, users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";

/**
 * Loads the acting user fresh from the database: levels and groups may have changed since sign-in.
 * With `sessionVersion` (a session's), nobody unless it is still the user's current one.
 */
export async function loadActor({ db, userId, sessionVersion }: { db: Db; userId: string; sessionVersion?: number }): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      accountId: users.accountId,
      accessLevel: users.accessLevel,
      isPrimaryAdmin: users.isPrimaryAdmin,
      adminGroupId: groups.id,
    })
    .from(users)
    .leftJoin(groupMembers, eq(groupMembers.userId, users.id))
    .leftJoin(groups, and(eq(groups.id, groupMembers.groupId), eq(groups.isAdminGroup, true)))
    .where(and(eq(users.id, userId), sessionVersion === undefined ? undefined : eq(users.sessionVersion, sessionVersion)))
    .orderBy(groups.id)
    .limit(1);
  if (!row) return null;
  return {
    userId: row.userId,
    accountId: row.accountId,
    accessLevel: row.accessLevel,
    isPrimaryAdmin: row.isPrimaryAdmin,
    isAdmin: row.isPrimaryAdmin || row.adminGroupId !== null,
  };
}
