import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { InvoiceHistory } from "@/components/seats/invoice-history";
import { PaymentMethod } from "@/components/seats/payment-method";
import { PayNowForm } from "@/components/seats/pay-now-form";
import { SeatPlanner } from "@/components/seats/seat-planner";
import { SeatSummary } from "@/components/seats/seat-summary";
import { RefreshOnEvents } from "@/components/realtime/refresh-on-events";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { billingOverview } from "@/lib/billing/overview";

export const metadata = { title: "Manage Seats" };

export default async function SeatsPage({ searchParams }: { searchParams: Promise<{ buy?: string; checkout?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "billing.view")) {
    return <EmptyState title="Only admins can see seats">Ask an admin of your account for help with seats.</EmptyState>;
  }
  const overview = await billingOverview({ db: await getDb(), actor });
  const { buy, checkout } = await searchParams;
  if (overview.state === "not_started" && !buy && !checkout) redirect("/settings/conversations/start-trial");
  return (
    <div className="space-y-6">
      {/* Stripe's webhooks grant the seats after Checkout; the page refreshes when they land. */}
      <RefreshOnEvents types={["seats.changed", "billing.invoiceChanged"]} />
      {checkout === "success" ? (
        <Alert tone="success">Payment received by Stripe. Your seats appear here as soon as Stripe confirms it, usually within seconds.</Alert>
      ) : checkout === "cancel" ? (
        <Alert tone="info">Checkout was cancelled. Nothing was charged; choose your seats and press Update to try again.</Alert>
      ) : null}
      <Card>
        <SeatSummary overview={overview} />
      </Card>
      <Card>
        <h3 className="mb-4 text-base font-semibold">Seats</h3>
        <SeatPlanner
          canManage={overview.canManage}
          currentSeats={overview.subscription?.quantity ?? 0}
          included={overview.seats.included}
          occupied={overview.seats.occupied}
          minSeats={overview.minSeats}
          maxSeats={overview.maxSelfServeSeats}
          unitAmounts={{ month: overview.prices.month.unitAmount, year: overview.prices.year.unitAmount }}
          currency={overview.prices.current.currency}
          fixedCycle={overview.subscription?.cycle ?? null}
          removalPolicy={overview.removalPolicy}
        />
      </Card>
      <Card>
        <h3 className="mb-4 text-base font-semibold">Payment method</h3>
        <div className="space-y-4">
          {overview.canManage ? (
            <PayNowForm
              pastDue={
                overview.pastDue
                  ? { graceEndsAt: overview.pastDue.graceEndsAt.toLocaleDateString("en-US", { dateStyle: "medium" }), readOnly: overview.pastDue.readOnly }
                  : null
              }
            />
          ) : null}
          <PaymentMethod method={overview.paymentMethod} canManage={overview.canManage} />
        </div>
      </Card>
      <Card>
        <h3 className="mb-4 text-base font-semibold">Invoice history</h3>
        <InvoiceHistory invoices={overview.invoices} />
      </Card>
    </div>
  );
}
