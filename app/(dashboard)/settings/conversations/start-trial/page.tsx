import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { StartTrialForm } from "@/components/seats/start-trial-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { formatMoney, seatPrice } from "@/lib/billing/prices";
import { trialSettings } from "@/lib/billing/start-trial";
import { conversationsState } from "@/lib/billing/subscription-state";
import { seatSummary } from "@/lib/seats/capacity";

export const metadata = { title: "Start Trial" };

export default async function StartTrialPage() {
  const actor = await requireActor();
  if (!can(actor, "billing.view")) {
    return <EmptyState title="Only admins can start Conversations">Ask an admin of your account.</EmptyState>;
  }
  const db = await getDb();
  const state = await conversationsState({ db, accountId: actor.accountId });
  if (state !== "not_started") redirect("/settings/conversations/seats");
  const { included } = await seatSummary({ db, accountId: actor.accountId });
  const trial = trialSettings();
  const price = seatPrice("month");
  return (
    <Card>
      <h3 className="text-lg font-semibold">Try Conversations free</h3>
      <p className="mt-2 text-sm text-slate-600">
        A realtime inbox for web chat, email, Messenger and SMS. The trial gives you {trial.seats} Agent seats for {trial.days} days,
        with no payment details. After that, seats cost {formatMoney(price.unitAmount, price.currency)} per seat per month
        (or 12 × that per year).
        {included > 0
          ? ` Your plan also includes ${included} free Agent ${included === 1 ? "seat" : "seats"}, on top of the trial's and yours to keep after it.`
          : null}
      </p>
      <div className="mt-5">
        <StartTrialForm canManage={can(actor, "seats.purchase")} />
      </div>
    </Card>
  );
}
