import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accountSeats, groupMembers, groups, users } from "@/db/schema";
import type { AccessLevel } from "@/lib/access/permissions";
import { loadActor } from "@/lib/accounts/actor";
import { signUp } from "@/lib/accounts/sign-up";

let serial = 0;

/** Test fixture: an account made by the real sign-up; extra users are inserted directly (setup only). */
export async function createBillingTestAccount({ db, included = 0, agents = 0 }: { db: Db; included?: number; agents?: number }) {
  const tag = `billing-${process.pid}-${serial++}`;
  const signedUp = await signUp({
    db,
    input: { name: "Olive Owner", accountName: `Shop ${tag}`, email: `owner-${tag}@example.com`, password: "owner-password-1" },
  });
  if (!signedUp.ok) throw new Error(signedUp.error);
  const { accountId, userId } = signedUp.value;
  await db.update(accountSeats).set({ included }).where(eq(accountSeats.accountId, accountId));
  const [adminGroup] = await db.select().from(groups).where(and(eq(groups.accountId, accountId), eq(groups.isAdminGroup, true)));
  let added = 0;
  async function addUser({ level = "none", admin = false }: { level?: AccessLevel; admin?: boolean } = {}) {
    const [user] = await db
      .insert(users)
      .values({ accountId, email: `user${added++}-${tag}@example.com`, name: `User ${added}`, passwordHash: "x", accessLevel: level })
      .returning();
    if (admin) await db.insert(groupMembers).values({ accountId, groupId: adminGroup.id, userId: user.id });
    return (await loadActor({ db, userId: user.id }))!;
  }
  for (let i = 0; i < agents; i++) await addUser({ level: "agent" });
  const owner = (await loadActor({ db, userId }))!;
  return { accountId, owner, addUser };
}

export async function seatsOf(db: Db, accountId: string) {
  const [row] = await db.select().from(accountSeats).where(eq(accountSeats.accountId, accountId));
  return row;
}
