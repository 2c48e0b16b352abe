import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { users } from "@/db/schema";

/**
 * The demo account's fixed names, shared by the seed (scripts/seed) and the pages that show the
 * demo (/demo). Not secrets: the demo account exists only in the embedded database.
 */
export const DEMO_PASSWORD = "demo-password-1";
export const DEMO_ACCOUNT_NAME = "Acme Demo";
export const DEMO_WIDGET_KEY = "wk_acmeDemoWidget01";
export const DEMO_SMS_NUMBER = "+15555550100";
export const DEMO_MESSENGER_PAGE_ID = "100000000000001";

export const demoPeople = [
  { email: "owner@demo.test", name: "Olivia Owner", role: "primary" as const, accessLevel: "agent" as const },
  { email: "admin@demo.test", name: "Adam Admin", role: "admin" as const, accessLevel: "agent" as const },
  { email: "agent@demo.test", name: "Alice Agent", role: "member" as const, accessLevel: "agent" as const, group: "Support" },
  { email: "bob@demo.test", name: "Bob Agent", role: "member" as const, accessLevel: "none" as const, group: "Support" },
  { email: "viewer@demo.test", name: "Vera Viewer", role: "member" as const, accessLevel: "viewer" as const, group: "Sales" },
  { email: "nobody@demo.test", name: "Nick NoAccess", role: "member" as const, accessLevel: "none" as const, group: "Sales" },
];

/** The demo account's id, or null where it was not seeded. */
export async function demoAccountId(db: Db) {
  const [row] = await db.select({ accountId: users.accountId }).from(users).where(eq(users.email, demoPeople[0].email));
  return row?.accountId ?? null;
}
