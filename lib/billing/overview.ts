import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { billingInvoices } from "@/db/schema";
import { can, requirePermission, type Actor } from "@/lib/access/permissions";
import { seatSummary } from "@/lib/seats/capacity";
import { billingProvider } from "./active-provider";
import { hasLiveSubscription, readBillingAccount, seatQuantity } from "./billing-account";
import { seatPrice, SELF_SERVE_MAX_SEATS } from "./prices";
import { REMOVAL_POLICY_TEXT, type BillingProvider } from "./provider";
import { billingStanding } from "./subscription-state";

/** Everything the "Manage Seats" tab shows, for any admin; `canManage` only for the primary admin. */
export async function billingOverview({
  db,
  actor,
  provider = billingProvider(),
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  provider?: BillingProvider;
  now?: Date;
}) {
  requirePermission(actor, "billing.view");
  const accountId = actor.accountId;
  const [seats, billing, standing, invoices, paymentMethod] = await Promise.all([
    seatSummary({ db, accountId, now }),
    readBillingAccount({ db, accountId }),
    billingStanding({ db, accountId, now }),
    db
      .select()
      .from(billingInvoices)
      .where(eq(billingInvoices.accountId, accountId))
      .orderBy(desc(billingInvoices.issuedAt), desc(billingInvoices.createdAt))
      .limit(50),
    provider.paymentMethod({ db, accountId }),
  ]);
  const live = hasLiveSubscription(billing);
  const cycle = live ? billing.billingCycle : "month";
  return {
    state: standing.state,
    /** While a renewal is past due: when it failed and when the inbox turns read-only. */
    pastDue: standing.pastDue ? { ...standing.pastDue, readOnly: standing.readOnly !== null } : null,
    provider: provider.kind,
    canManage: can(actor, "seats.purchase"),
    seats,
    trial: seats.trialEndsAt ? { seats: seats.trialSeats, endsAt: seats.trialEndsAt, running: seats.trialEndsAt > now } : null,
    subscription: live
      ? {
          cycle: billing.billingCycle,
          status: billing.status!,
          quantity: seatQuantity(billing),
          /** Seats paid for until the period ends; adding back up to it costs nothing. */
          paidThroughQuantity: billing.quantity,
          pendingQuantity: billing.pendingQuantity,
          currentPeriodEnd: billing.currentPeriodEnd,
        }
      : null,
    prices: { month: seatPrice("month"), year: seatPrice("year"), current: seatPrice(cycle) },
    maxSelfServeSeats: SELF_SERVE_MAX_SEATS,
    minSeats: Math.max(1, seats.occupied - seats.included),
    removalPolicy: REMOVAL_POLICY_TEXT,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      issuedAt: i.issuedAt,
      description: i.description,
      amountDue: i.amountDue,
      amountPaid: i.amountPaid,
      currency: i.currency,
      status: i.status,
      paymentIssue: i.paymentIssue,
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
      hostedInvoiceUrl: i.hostedInvoiceUrl,
    })),
    paymentMethod,
  };
}

export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;
