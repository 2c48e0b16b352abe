import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { billingAccounts } from "@/db/schema";
import { toUnix } from "./periods";

export type BillingAccountRow = typeof billingAccounts.$inferSelect;

/** Statuses in which a subscription exists and bills (seats are granted by settlement in these). */
const liveStatuses = new Set(["active", "trialing", "past_due"]);

export function hasLiveSubscription(billing: BillingAccountRow | undefined | null): billing is BillingAccountRow & {
  subscriptionId: string;
} {
  return !!billing?.subscriptionId && !!billing.status && liveStatuses.has(billing.status);
}

/**
 * Seats the subscription gives the account now: the renewal quantity after a removal this period,
 * else the subscription's quantity. `billing.quantity` itself is the paid-through quantity.
 */
export function seatQuantity(billing: BillingAccountRow) {
  return billing.renewalQuantity ?? billing.quantity;
}

export async function readBillingAccount({ db, accountId }: { db: Db; accountId: string }) {
  const [row] = await db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
  return row ?? null;
}

/** Creates the account's billing row once; a concurrent creator's row wins and is returned. */
export async function ensureBillingAccount({
  tx,
  accountId,
  provider,
  customerId,
}: {
  tx: Db;
  accountId: string;
  provider: "local" | "stripe";
  customerId: string;
}): Promise<BillingAccountRow> {
  await tx.insert(billingAccounts).values({ accountId, provider, customerId }).onConflictDoNothing();
  const row = await readBillingAccount({ db: tx, accountId });
  return row!;
}

export function periodOf(billing: BillingAccountRow) {
  if (!billing.currentPeriodStart || !billing.currentPeriodEnd) return null;
  return { start: toUnix(billing.currentPeriodStart), end: toUnix(billing.currentPeriodEnd) };
}
