import { and, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/database";
import { billingAccounts, localPaymentMethods } from "@/db/schema";
import { lockSeats } from "@/lib/seats/capacity";
import { readBillingAccount } from "./billing-account";
import { catchUpRenewals } from "./local-provider";

/**
 * Renewals of the local provider (Stripe renews its own subscriptions and reports them by webhook):
 * every live local subscription whose period has ended is invoiced for the next period and its
 * test card charged; a decline leaves it past due (like Stripe's invoice.payment_failed).
 * A plain `({ db, now })` function for the job runner; each account renews in its own transaction
 * under its seat lock, so a concurrent purchase, removal or second runner never renews twice.
 */
export async function renewDueSubscriptions({ db, now = new Date() }: { db: Db; now?: Date }) {
  const due = await db
    .select({ accountId: billingAccounts.accountId })
    .from(billingAccounts)
    .where(
      and(
        eq(billingAccounts.provider, "local"),
        inArray(billingAccounts.status, ["active", "trialing"]),
        lte(billingAccounts.currentPeriodEnd, now),
      ),
    );
  let renewed = 0;
  for (const { accountId } of due) {
    if (await renewAccount({ db, accountId, now })) renewed++;
  }
  return { due: due.length, renewed };
}

/**
 * The fallback until the job runner schedules renewDueSubscriptions: called on a dashboard request,
 * renews this account if its local subscription's period has ended. One primary-key read otherwise.
 */
export async function renewIfDue({ db, accountId, now = new Date() }: { db: Db; accountId: string; now?: Date }) {
  const billing = await readBillingAccount({ db, accountId });
  if (!billing || billing.provider !== "local" || !billing.currentPeriodEnd || billing.currentPeriodEnd > now) return false;
  if (billing.status !== "active" && billing.status !== "trialing") return false;
  return renewAccount({ db, accountId, now });
}

async function renewAccount({ db, accountId, now }: { db: Db; accountId: string; now: Date }) {
  return db.transaction(async (tx) => {
    await lockSeats({ tx, accountId });
    // Re-read under the lock: another renewal may have run meanwhile.
    const billing = await readBillingAccount({ db: tx, accountId });
    if (!billing?.currentPeriodEnd || billing.currentPeriodEnd > now) return false;
    const [card] = await tx.select().from(localPaymentMethods).where(eq(localPaymentMethods.accountId, accountId));
    await catchUpRenewals({ tx, billing, declines: card?.declines ?? false, now });
    return true;
  });
}
