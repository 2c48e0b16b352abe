import Link from "next/link";
import type { Db } from "@/db/database";
import { buttonClass } from "@/components/ui/button";
import { can, type Actor } from "@/lib/access/permissions";
import { billingStanding } from "@/lib/billing/subscription-state";

/**
 * A renewal payment failed (SPEC §3 dunning): admins are asked to update the card; the inbox stays
 * writable until the grace period ends, then is read-only until the invoice is paid.
 */
export async function PastDueBanner({ db, actor, now = new Date() }: { db: Db; actor: Actor; now?: Date }) {
  const standing = await billingStanding({ db, accountId: actor.accountId, now });
  if (standing.state !== "past_due" || !standing.pastDue) return null;
  const until = standing.pastDue.graceEndsAt.toLocaleDateString("en-US", { dateStyle: "medium" });
  const admin = can(actor, "billing.view");
  if (!admin && !standing.readOnly) return null;
  return (
    <div role="alert" data-testid="past-due-banner" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <span>
        <strong>Payment failed — update your card.</strong>{" "}
        {standing.readOnly
          ? "The inbox is read-only until the invoice is paid; nothing has been deleted."
          : `The inbox stays writable until ${until}; after that it is read-only until the invoice is paid.`}
        {admin ? null : " Ask an admin to update the card."}
      </span>
      {admin ? (
        <Link href="/settings/conversations/seats" className={buttonClass("primary")}>
          Update card and pay
        </Link>
      ) : null}
    </div>
  );
}
