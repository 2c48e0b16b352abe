import Link from "next/link";
import type { Db } from "@/db/database";
import { buttonClass } from "@/components/ui/button";
import { can, type Actor } from "@/lib/access/permissions";
import { conversationsState } from "@/lib/billing/subscription-state";
import { PastDueBanner } from "./past-due-banner";
import { TrialBanner } from "./trial-banner";

/**
 * The inbox's billing notice (SPEC §3): "Start Trial" before anything is started, the trial
 * banner with "Purchase" during the trial, the read-only notice with "Purchase" after it, and the
 * "Payment failed" notice while a renewal is past due.
 */
export async function InboxBillingNotice({ db, actor }: { db: Db; actor: Actor }) {
  const state = await conversationsState({ db, accountId: actor.accountId });
  if (state === "active") return null;
  if (state === "past_due") return PastDueBanner({ db, actor });
  if (state !== "not_started") return <TrialBanner db={db} accountId={actor.accountId} />;
  return (
    <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-700">
      <span>Conversations hasn&apos;t been started for this account yet. Try it free, then buy seats for your agents.</span>
      {can(actor, "billing.view") ? (
        <Link href="/settings/conversations/start-trial" className={buttonClass("primary")}>
          Start Trial
        </Link>
      ) : (
        <span className="text-slate-600">Ask an admin to start the trial.</span>
      )}
    </div>
  );
}
