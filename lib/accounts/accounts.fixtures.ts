import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accountSeats, groupMembers, groups, users } from "@/db/schema";
import type { AccessLevel } from "@/lib/access/permissions";
import { loadActor } from "./actor";
import { signUp } from "./sign-up";

let serial = 0;

/**
 * Test fixture: an account made by the real sign-up, with a chosen seat capacity, and a way to
 * add users at a given level straight into the table (setup only: it skips the seat check).
 */
export async function createTestAccount({
  db,
  name = "Acct",
  purchased = 0,
  included = 0,
  ownerLevel = "none",
}: {
  db: Db;
  name?: string;
  purchased?: number;
  included?: number;
  ownerLevel?: AccessLevel;
}) {
  const tag = `${name.toLowerCase().replace(/\W+/g, "-")}-${process.pid}-${serial++}`;
  const signedUp = await signUp({
    db,
    input: { name: `${name} Owner`, accountName: name, email: `owner-${tag}@example.com`, password: "owner-password-1" },
  });
  if (!signedUp.ok) throw new Error(signedUp.error);
  const { accountId, userId } = signedUp.value;
  await db.update(accountSeats).set({ purchased, included }).where(eq(accountSeats.accountId, accountId));
  await db.update(users).set({ accessLevel: ownerLevel }).where(eq(users.id, userId));
  const [adminGroup] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.accountId, accountId), eq(groups.isAdminGroup, true)));

  let added = 0;
  async function addUser({ level = "none", admin = false, userName }: { level?: AccessLevel; admin?: boolean; userName?: string } = {}) {
    const n = added++;
    const [user] = await db
      .insert(users)
      .values({
        accountId,
        email: `user${n}-${tag}@example.com`,
        name: userName ?? `${name} User ${n}`,
        passwordHash: "not-a-real-hash",
        accessLevel: level,
      })
      .returning();
    if (admin) await db.insert(groupMembers).values({ accountId, groupId: adminGroup.id, userId: user.id });
    return (await loadActor({ db, userId: user.id }))!;
  }

  const owner = (await loadActor({ db, userId }))!;
  return { accountId, owner, addUser };
}

export async function levelOf(db: Db, userId: string): Promise<AccessLevel> {
  const [row] = await db.select({ level: users.accessLevel }).from(users).where(eq(users.id, userId));
  return row.level;
}
