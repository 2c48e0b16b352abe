import { inArray } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, accountSeats, groupMembers, groups, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { seedLocalSubscription } from "@/lib/billing/demo-subscription";
import { seedDemoChannels } from "./demo-channels";
import { seedDemoInbox } from "./demo-inbox";
import { DEMO_ACCOUNT_NAME, DEMO_PASSWORD, demoPeople } from "@/lib/demo/demo-account";

export async function hasAnyAccount(db: Db) {
  const rows = await db.select({ id: accounts.id }).from(accounts).limit(1);
  return rows.length > 0;
}

/** (Re-)creates the demo account: its users, groups and access levels, then its channels and demo inbox. */
export async function seedDemo(db: Db) {
  const seeded = await seedDemoPeople(db);
  // Channels first: the inbox's SMS conversations need the account's sending number.
  await seedDemoChannels(db, seeded.accountId);
  await seedDemoInbox(db, seeded);
  return seeded;
}

async function seedDemoPeople(db: Db) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const emails = demoPeople.map((p) => p.email);
    const old = await tx.select({ accountId: users.accountId }).from(users).where(inArray(users.email, emails));
    const oldAccountIds = [...new Set(old.map((o) => o.accountId))];
    if (oldAccountIds.length) await tx.delete(accounts).where(inArray(accounts.id, oldAccountIds));

    const [account] = await tx.insert(accounts).values({ name: DEMO_ACCOUNT_NAME }).returning();
    // One free seat from the plan plus four purchased: three are taken by the demo agents.
    await tx.insert(accountSeats).values({ accountId: account.id, included: 1, purchased: 4 });
    // The four purchased seats are a local subscription bought ten days ago (with its invoice).
    await seedLocalSubscription({ tx, accountId: account.id, quantity: 4 });
    const groupIds = new Map<string, string>();
    for (const name of ["Admin", "Support", "Sales"]) {
      const [group] = await tx
        .insert(groups)
        .values({ accountId: account.id, name, isAdminGroup: name === "Admin" })
        .returning();
      groupIds.set(name, group.id);
    }
    const userIds = new Map<string, string>();
    for (const person of demoPeople) {
      const [user] = await tx
        .insert(users)
        .values({
          accountId: account.id,
          email: person.email,
          name: person.name,
          passwordHash,
          isPrimaryAdmin: person.role === "primary",
          accessLevel: person.accessLevel,
        })
        .returning();
      userIds.set(person.email, user.id);
      const groupName = person.role === "member" ? person.group : "Admin";
      if (groupName) {
        await tx.insert(groupMembers).values({ accountId: account.id, groupId: groupIds.get(groupName)!, userId: user.id });
      }
    }
    return { accountId: account.id, userIds };
  });
}

export function describeDemoSignIn(appUrl: string) {
  const lines = [
    `Demo account "${DEMO_ACCOUNT_NAME}" — sign in at ${appUrl}/sign-in with password ${DEMO_PASSWORD}:`,
    ...demoPeople.map((p) => `  ${p.email.padEnd(20)} ${p.name} (${p.role === "primary" ? "primary admin" : p.role}, ${p.accessLevel === "none" ? "no access" : p.accessLevel})`),
  ];
  return lines.join("\n");
}
