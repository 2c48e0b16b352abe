import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { accountSeats, billingAccounts, billingInvoices } from "@/db/schema";
import { seedDemo } from "./demo-account";
import { useTestDatabase } from "@/db/test-database";

const t = useTestDatabase();

test("the demo account's purchased seats are a paid local subscription that started ten days ago", async () => {
  const { accountId } = await seedDemo(t.db);
  const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
  expect(billing).toMatchObject({ provider: "local", status: "active", quantity: 4, billingCycle: "month" });
  const daysAgo = (Date.now() - billing.currentPeriodStart!.getTime()) / 86_400_000;
  expect(Math.round(daysAgo)).toBe(10);
  const [seats] = await t.db.select().from(accountSeats).where(eq(accountSeats.accountId, accountId));
  expect(seats).toMatchObject({ purchased: 4, included: 1 });
  const invoices = await t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId));
  expect(invoices.map((i) => [i.status, i.amountPaid])).toEqual([["paid", 6000]]);
});
