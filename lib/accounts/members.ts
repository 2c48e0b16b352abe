import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, groupMembers, groups, users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";

export type Member = {
  id: string;
  name: string;
  email: string;
  isPrimaryAdmin: boolean;
  isAdmin: boolean;
  accessLevel: "none" | "viewer" | "agent";
  groups: string[];
};

/** Every user of the actor's account with their groups — never another account's. */
export async function listMembers({ db, actor }: { db: Db; actor: Actor }): Promise<Member[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isPrimaryAdmin: users.isPrimaryAdmin,
      accessLevel: users.accessLevel,
      groupName: groups.name,
      isAdminGroup: groups.isAdminGroup,
    })
    .from(users)
    .leftJoin(groupMembers, eq(groupMembers.userId, users.id))
    .leftJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(users.accountId, actor.accountId))
    .orderBy(asc(users.name), asc(users.id), asc(groups.name));
  const byId = new Map<string, Member>();
  for (const row of rows) {
    let member = byId.get(row.id);
    if (!member) {
      member = {
        id: row.id,
        name: row.name,
        email: row.email,
        isPrimaryAdmin: row.isPrimaryAdmin,
        isAdmin: row.isPrimaryAdmin,
        accessLevel: row.accessLevel,
        groups: [],
      };
      byId.set(row.id, member);
    }
    if (row.groupName) member.groups.push(row.groupName);
    if (row.isAdminGroup) member.isAdmin = true;
  }
  return [...byId.values()];
}

export async function getUserSummary({ db, actor }: { db: Db; actor: Actor }) {
  const [row] = await db
    .select({ name: users.name, email: users.email, accountName: accounts.name })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, actor.userId), eq(users.accountId, actor.accountId)));
  return row ?? null;
}
