import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { groupMembers, groups, users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";

/** Loads the acting user fresh from the database: levels and groups may have changed since sign-in. */
export async function loadActor({ db, userId }: { db: Db; userId: string }): Promise<Actor | null> {
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
    .where(eq(users.id, userId))
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
