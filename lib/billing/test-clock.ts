import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { billingAccounts } from "@/db/schema";
import { lockSeats } from "@/lib/seats/capacity";
import { addPeriods, fromUnix, toUnix } from "./periods";
import { renewIfDue } from "./renewals";
import { pastDueGraceDays } from "./subscription-state";

export const testClockInput = z.object({ action: z.enum(["end_period", "end_grace"]) });

/**
 * End-to-end support only (the route answers 404 unless E2E_TEST_HOOKS=1): moves one account's
 * local billing clock instead of the wall clock. `end_period` shifts the current period so it ends
 * now, then renews it as the job runner would (charging the test card); `end_grace` moves a
 * past-due account's failed charge back past the grace period.
 */
export async function advanceBillingClock({
  db,
  accountId,
  action,
  now = new Date(),
}: {
  db: Db;
  accountId: string;
  action: z.infer<typeof testClockInput>["action"];
  now?: Date;
}) {
  await db.transaction(async (tx) => {
    await lockSeats({ tx, accountId });
    const [billing] = await tx.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    if (!billing || billing.provider !== "local") throw new Error("No local subscription to move.");
    if (action === "end_period") {
      if (!billing.currentPeriodEnd || !billing.currentPeriodStart) throw new Error("No billing period to end.");
      // One whole period that ended a second ago, anchored on its start, as if bought a period back.
      const end = toUnix(now) - 1;
      const start = addPeriods(end, billing.billingCycle, -1);
      await tx
        .update(billingAccounts)
        .set({ cycleAnchor: fromUnix(start), currentPeriodStart: fromUnix(start), currentPeriodEnd: fromUnix(end) })
        .where(eq(billingAccounts.accountId, accountId));
    } else {
      if (!billing.pastDueSince) throw new Error("The account is not past due.");
      const since = new Date(now.getTime() - pastDueGraceDays() * 86_400_000 - 60_000);
      await tx.update(billingAccounts).set({ pastDueSince: since }).where(eq(billingAccounts.accountId, accountId));
    }
  });
  if (action === "end_period") await renewIfDue({ db, accountId, now });
}
