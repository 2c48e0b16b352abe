import type { Db } from "@/db/database";
import { billingStanding } from "@/lib/billing/subscription-state";
import { seatSummary } from "@/lib/seats/capacity";
import { PurchaseButton } from "./purchase-button";

/** During a trial (days left) and after it (read-only inbox): a notice with the "Purchase" button. */
export async function TrialBanner({ db, accountId, now = new Date() }: { db: Db; accountId: string; now?: Date }) {
  const { state, readOnly } = await billingStanding({ db, accountId, now });
  if (state !== "trial" && state !== "lapsed") return null;
  const seats = await seatSummary({ db, accountId, now });
  const daysLeft = seats.trialEndsAt ? Math.max(0, Math.ceil((seats.trialEndsAt.getTime() - now.getTime()) / 86_400_000)) : 0;
  return (
    <div
      role="status"
      className={`flex flex-wrap items-center justify-between gap-3 rounded-md border px-4 py-3 text-sm ${state === "trial" ? "border-brand-100 bg-brand-50 text-brand-700" : "border-amber-200 bg-amber-50 text-amber-900"}`}
    >
      <span>
        {state === "trial"
          ? `Trial: ${daysLeft} ${daysLeft === 1 ? "day" : "days"} left, with ${seats.trialSeats} trial seats.`
          : readOnly === "subscription_ended"
            ? "Your subscription has ended. The inbox is read-only until you buy seats; nothing has been deleted."
            : "Your trial has ended. The inbox is read-only until you buy seats; nothing has been deleted."}
      </span>
      <PurchaseButton />
    </div>
  );
}
