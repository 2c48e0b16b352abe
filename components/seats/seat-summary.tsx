import type { BillingOverview } from "@/lib/billing/overview";

export function SeatSummary({ overview }: { overview: BillingOverview }) {
  const { seats, trial, subscription } = overview;
  const trialRunning = trial?.running ?? false;
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      <Stat label="Seats used" value={`${seats.occupied} of ${seats.capacity}`} testId="seats-used" />
      <Stat label="Purchased" value={String(seats.purchased)} testId="seats-purchased" />
      <Stat label="Included free" value={String(seats.included)} testId="seats-included" />
      {trialRunning ? (
        <Stat label="Trial seats" value={`${trial!.seats} until ${trial!.endsAt.toLocaleDateString("en-US", { dateStyle: "medium" })}`} />
      ) : (
        <Stat
          label="Billing"
          value={subscription ? `${subscription.cycle === "year" ? "Yearly" : "Monthly"}${subscription.currentPeriodEnd ? `, renews ${subscription.currentPeriodEnd.toLocaleDateString("en-US", { dateStyle: "medium" })}` : ""}` : "Not subscribed"}
        />
      )}
      {subscription?.pendingQuantity ? (
        <p className="col-span-full text-sm text-amber-800">
          A change to {subscription.pendingQuantity} seats is waiting for payment; the seats are added once it is paid.
        </p>
      ) : null}
    </dl>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
