import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accountSeats, billingAccounts, billingInvoices, stripeEvents } from "@/db/schema";
import { invoiceChanged, seatsChanged, trialWillEnd, type NewEvent } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { capacityOf, lockSeats } from "@/lib/seats/capacity";
import { makePrimaryAdminAgentIfFree } from "@/lib/seats/first-agent";
import { fromUnix } from "./periods";

/**
 * Settlement: the one place that turns what the billing provider says into seats and invoices.
 * Stripe webhooks call it; the local provider builds Stripe-shaped events and calls it too.
 *
 * - Each event is recorded by id in the same transaction as its effect: applied at most once.
 * - Order-independent: a subscription event is never applied from its payload. The subscription
 *   is re-read from the provider while the account's seat row is locked, so whichever event
 *   commits last applies the newest state. Invoices only move forward (draft → open → final).
 * - Seats follow the settled quantity: with `pending_if_incomplete` an unpaid update stays in
 *   `pending_update`, so a declined purchase adds no seat.
 *
 * The shapes below are the fields we read; Stripe's own types satisfy them.
 */
export type SubscriptionSnapshot = {
  id: string;
  customer: string | { id: string };
  status: string;
  billing_cycle_anchor?: number;
  items: {
    data: Array<{
      quantity?: number;
      current_period_start: number;
      current_period_end: number;
      price: { recurring: { interval: string } | null };
    }>;
  };
  pending_update: { subscription_items?: Array<{ quantity?: number }> | null } | null;
};

export type InvoiceSnapshot = {
  id?: string;
  customer: string | { id: string } | null;
  status: string | null;
  number: string | null;
  amount_due: number;
  amount_paid: number;
  currency: string;
  billing_reason: string | null;
  description: string | null;
  created: number;
  period_start: number;
  period_end: number;
  hosted_invoice_url?: string | null;
  parent: { subscription_details: { subscription: string | { id: string } } | null } | null;
  lines?: { data: Array<{ description: string | null; quantity?: number | null; amount?: number; period?: { start: number; end: number } }> };
};

export type EventSnapshot = { id: string; type: string; created: number; data: { object: unknown } };

/** Reads the current state of a subscription from the provider (Stripe API, or the local provider). */
export type SubscriptionReader = (subscriptionId: string) => Promise<SubscriptionSnapshot>;

export type SettleResult = { applied: boolean; reason?: "duplicate" | "unknown_customer" | "ignored_type" };

export async function settleEvent(params: { db: Db; event: EventSnapshot; readSubscription: SubscriptionReader }) {
  return params.db.transaction((tx) => settleEventInTransaction({ ...params, tx }));
}

/** For callers that already hold the account's seat lock in their own transaction (the local provider). */
export async function settleEventInTransaction({
  tx,
  event,
  readSubscription,
}: {
  tx: Db;
  event: EventSnapshot;
  readSubscription: SubscriptionReader;
}): Promise<SettleResult> {
  const object = event.data.object as { object?: string; customer?: string | { id: string } | null };
  const customerId = idOf(object.customer ?? null);
  const [billing] = customerId
    ? await tx.select().from(billingAccounts).where(eq(billingAccounts.customerId, customerId))
    : [];
  const accountId = billing?.accountId ?? null;
  // Serialize with purchases, removals and role changes of this account before anything else.
  if (accountId) await lockSeats({ tx, accountId });

  const inserted = await tx
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, accountId, providerCreatedAt: fromUnix(event.created) })
    .onConflictDoNothing()
    .returning({ id: stripeEvents.id });
  if (inserted.length === 0) return { applied: false, reason: "duplicate" };
  if (!accountId) return { applied: false, reason: "unknown_customer" };

  const outbox: NewEvent[] = [];
  const note = (event: NewEvent) => outbox.push(event);
  const at = fromUnix(event.created);

  switch (event.type) {
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
    case "customer.subscription.pending_update_applied":
    case "customer.subscription.pending_update_expired": {
      const subscription = event.data.object as { id: string };
      await syncSubscription({ tx, accountId, customerId: customerId!, subscriptionId: subscription.id, readSubscription, note, at });
      break;
    }
    case "checkout.session.completed": {
      // The first purchase through Stripe Checkout: the session names the subscription it created.
      const session = event.data.object as { mode?: string; subscription?: string | { id: string } | null };
      const subscriptionId = idOf(session.subscription ?? null);
      if (session.mode !== "subscription" || !subscriptionId) return { applied: false, reason: "ignored_type" };
      await syncSubscription({ tx, accountId, customerId: customerId!, subscriptionId, readSubscription, note, at });
      break;
    }
    case "customer.subscription.trial_will_end":
      note(trialWillEnd(accountId, (event.data.object as { id: string }).id));
      break;
    case "invoice.paid":
    case "invoice.payment_failed":
    case "invoice.payment_action_required":
    case "invoice.finalized":
    case "invoice.voided":
    case "invoice.marked_uncollectible": {
      const invoice = event.data.object as InvoiceSnapshot;
      const issue =
        event.type === "invoice.payment_failed" ? "failed" : event.type === "invoice.payment_action_required" ? "action_required" : null;
      await applyInvoice({ tx, accountId, invoice, issue });
      note(invoiceChanged(accountId, invoice.id));
      // Paying a proration invoice is what applies a pending seat update: re-read the subscription.
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription ?? null);
      if (subscriptionId) {
        await syncSubscription({ tx, accountId, customerId: customerId!, subscriptionId, readSubscription, note, at });
      }
      break;
    }
    default:
      return { applied: false, reason: "ignored_type" };
  }
  await recordEvents({ tx, events: outbox });
  return { applied: true };
}

/**
 * Applies the provider's current subscription state outside any event (right after a purchase or
 * removal, so the buyer sees the result at once). Webhooks for the same change later re-read the
 * same state and change nothing. The caller holds the account's seat lock.
 */
export async function applySubscriptionState({
  tx,
  accountId,
  subscriptionId,
  readSubscription,
}: {
  tx: Db;
  accountId: string;
  subscriptionId: string;
  readSubscription: SubscriptionReader;
}) {
  const [billing] = await tx.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
  if (!billing) throw new Error("No billing customer for this account.");
  const outbox: NewEvent[] = [];
  const note = (event: NewEvent) => outbox.push(event);
  await syncSubscription({ tx, accountId, customerId: billing.customerId, subscriptionId, readSubscription, note, at: new Date() });
  await recordEvents({ tx, events: outbox });
}

/**
 * Seats removed this period: the account uses `renewalQuantity` seats at once and is billed for
 * them from the next renewal; the subscription keeps its paid-through quantity until then (null
 * renewalQuantity = back to the paid-through quantity). The caller holds the seat lock and has
 * told the provider (decision 0028).
 */
export async function applyRenewalQuantity({ tx, accountId, renewalQuantity }: { tx: Db; accountId: string; renewalQuantity: number | null }) {
  const [billing] = await tx.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
  const kept = renewalQuantity !== null && renewalQuantity < billing.quantity ? renewalQuantity : null;
  await tx.update(billingAccounts).set({ renewalQuantity: kept, syncedAt: new Date() }).where(eq(billingAccounts.accountId, accountId));
  const outbox: NewEvent[] = [];
  await grantSeats({ tx, accountId, purchased: kept ?? billing.quantity, note: (e) => outbox.push(e) });
  await recordEvents({ tx, events: outbox });
}

const seatGrantingStatuses = new Set(["active", "trialing", "past_due"]);

async function syncSubscription({
  tx,
  accountId,
  customerId,
  subscriptionId,
  readSubscription,
  note,
  at,
}: {
  tx: Db;
  accountId: string;
  customerId: string;
  subscriptionId: string;
  readSubscription: SubscriptionReader;
  note: (event: NewEvent) => void;
  /** When the provider reported it (the event's creation): a past-due grace period counts from here. */
  at: Date;
}) {
  const subscription = await readSubscription(subscriptionId);
  // Never let one account's event touch another account's subscription.
  if (idOf(subscription.customer) !== customerId) return;
  const [billing] = await tx.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
  const grantsSeats = seatGrantingStatuses.has(subscription.status);
  // A late event about a replaced, ended subscription must not clobber the current one.
  if (billing.subscriptionId && billing.subscriptionId !== subscription.id && !grantsSeats) return;

  const item = subscription.items.data[0];
  const quantity = item?.quantity ?? 0;
  const interval = item?.price.recurring?.interval;
  const pendingQuantity = subscription.pending_update?.subscription_items?.[0]?.quantity ?? null;
  const periodStart = item ? fromUnix(item.current_period_start) : null;
  // A removal this period holds until the period ends (or the paid-through quantity comes back to it).
  // Any other quantity (a purchase above the paid-through quantity) replaces it.
  const samePeriod = billing.subscriptionId === subscription.id && billing.currentPeriodStart?.getTime() === periodStart?.getTime();
  const renewalQuantity =
    samePeriod && quantity === billing.quantity && billing.renewalQuantity !== null && billing.renewalQuantity < quantity
      ? billing.renewalQuantity
      : null;
  const pastDueSince = subscription.status === "past_due" ? (billing.pastDueSince ?? at) : null;
  await tx
    .update(billingAccounts)
    .set({
      subscriptionId: subscription.id,
      status: subscription.status,
      quantity,
      pendingQuantity,
      renewalQuantity,
      pastDueSince,
      billingCycle: interval === "year" ? "year" : "month",
      cycleAnchor: subscription.billing_cycle_anchor ? fromUnix(subscription.billing_cycle_anchor) : billing.cycleAnchor,
      currentPeriodStart: periodStart,
      currentPeriodEnd: item ? fromUnix(item.current_period_end) : null,
      syncedAt: new Date(),
    })
    .where(eq(billingAccounts.accountId, accountId));

  await grantSeats({ tx, accountId, purchased: grantsSeats ? (renewalQuantity ?? quantity) : 0, note });
}

async function grantSeats({ tx, accountId, purchased, note }: { tx: Db; accountId: string; purchased: number; note: (event: NewEvent) => void }) {
  const seats = await lockSeats({ tx, accountId });
  if (seats.purchased === purchased) return;
  const now = new Date();
  const trialRunning = seats.trialEndsAt !== null && seats.trialEndsAt > now;
  // Paying ends the trial: its seats give way to the purchased ones.
  const endsTrial = purchased > 0 && trialRunning ? { trialSeats: 0, trialEndsAt: now } : {};
  await tx
    .update(accountSeats)
    .set({ purchased, ...endsTrial, updatedAt: now })
    .where(eq(accountSeats.accountId, accountId));
  note(seatsChanged(accountId, { purchased, previous: seats.purchased }));
  if (seats.purchased === 0 && purchased > 0) {
    const capacity = capacityOf({ ...seats, purchased, ...endsTrial }, now);
    for (const event of await makePrimaryAdminAgentIfFree({ tx, accountId, capacity })) note(event);
  }
}

const statusRank: Record<string, number> = { draft: 0, open: 1, paid: 2, void: 2, uncollectible: 2 };

async function applyInvoice({
  tx,
  accountId,
  invoice,
  issue,
}: {
  tx: Db;
  accountId: string;
  invoice: InvoiceSnapshot;
  issue: "failed" | "action_required" | null;
}) {
  if (!invoice.id) return;
  const status = invoice.status ?? "draft";
  const [existing] = await tx
    .select()
    .from(billingInvoices)
    .where(eq(billingInvoices.providerInvoiceId, invoice.id))
    .for("update");
  if (existing && existing.accountId !== accountId) return;
  const fields = {
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription ?? null),
    number: invoice.number,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    currency: invoice.currency,
    billingReason: invoice.billing_reason,
    description: invoice.description ?? describe(invoice),
    periodStart: fromUnix(lineStart(invoice)),
    periodEnd: fromUnix(lineEnd(invoice)),
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    lines: invoice.lines?.data.map((l) => ({ description: l.description, quantity: l.quantity ?? null, amount: l.amount ?? 0 })) ?? null,
    issuedAt: fromUnix(invoice.created),
  };
  if (!existing) {
    await tx.insert(billingInvoices).values({
      accountId,
      providerInvoiceId: invoice.id,
      status,
      paymentIssue: status === "paid" ? null : issue,
      ...fields,
    });
    return;
  }
  // An older snapshot arriving late never moves an invoice backwards (e.g. paid → open).
  if ((statusRank[status] ?? 0) < (statusRank[existing.status] ?? 0)) return;
  const paid = status === "paid";
  await tx
    .update(billingInvoices)
    .set({
      ...fields,
      status,
      amountPaid: Math.max(existing.amountPaid, invoice.amount_paid),
      paymentIssue: paid ? null : (issue ?? existing.paymentIssue),
      updatedAt: new Date(),
    })
    .where(eq(billingInvoices.id, existing.id));
}

function describe(invoice: InvoiceSnapshot) {
  switch (invoice.billing_reason) {
    case "subscription_create":
      return "Seats purchased";
    case "subscription_update":
      return "Seats added (prorated for the rest of the period)";
    case "subscription_cycle":
      return "Renewal";
    default:
      return invoice.lines?.data[0]?.description ?? null;
  }
}

// A proration invoice's own period_start/end are its creation instant; its lines carry the service period.
function lineStart(invoice: InvoiceSnapshot) {
  return invoice.lines?.data[0]?.period?.start ?? invoice.period_start;
}
function lineEnd(invoice: InvoiceSnapshot) {
  return invoice.lines?.data[0]?.period?.end ?? invoice.period_end;
}

function idOf(ref: string | { id: string } | null): string | null {
  if (!ref) return null;
  return typeof ref === "string" ? ref : ref.id;
}
