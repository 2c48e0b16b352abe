import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { billingInvoices, localPaymentMethods } from "@/db/schema";
import {
  ensureBillingAccount,
  hasLiveSubscription,
  periodOf,
  readBillingAccount,
  seatQuantity,
  type BillingAccountRow,
} from "./billing-account";
import { addPeriods, fromUnix, periodContaining, toUnix } from "./periods";
import { seatPrice, type BillingCycle } from "./prices";
import { quantityChangeProration, type ProrationLine } from "./proration";
import type { BillingProvider, ConfirmOutcome, SeatPreview } from "./provider";
import {
  applyRenewalQuantity,
  settleEventInTransaction,
  type EventSnapshot,
  type InvoiceSnapshot,
  type SubscriptionSnapshot,
} from "./settlement";

/**
 * The embedded billing provider: Stripe's behaviour on our own tables. It charges a local test
 * card (which can be set to decline), applies Stripe's proration rule, and reports every outcome
 * as Stripe-shaped events to the same settlement code the Stripe webhook uses.
 */
export const localProvider: BillingProvider = {
  kind: "local",

  async preview({ db, accountId, seats, cycle, now }): Promise<SeatPreview> {
    const billing = await readBillingAccount({ db, accountId });
    const at = toUnix(now);
    if (!hasLiveSubscription(billing)) {
      const price = seatPrice(cycle);
      const total = price.unitAmount * seats;
      return { currentSeats: 0, seats, cycle, currency: price.currency, unitAmount: price.unitAmount, newTotalPerPeriod: total, chargedNow: total, prorationDate: null, periodEnd: null };
    }
    const price = seatPrice(billing.billingCycle);
    const period = currentPeriod(billing, at);
    // Only seats above the paid-through quantity (billing.quantity) are charged (decision 0028).
    // A period that ended and is not renewed yet renews (on confirmation) for the seats in use.
    const renewed = (periodOf(billing)?.end ?? at) <= at;
    const paidThrough = renewed ? seatQuantity(billing) : billing.quantity;
    const chargedNow =
      seats > paidThrough
        ? quantityChangeProration({ unitAmount: price.unitAmount, fromQuantity: paidThrough, toQuantity: seats, periodStart: period.start, periodEnd: period.end, at }).total
        : 0;
    return {
      currentSeats: seatQuantity(billing),
      seats,
      cycle: billing.billingCycle,
      currency: price.currency,
      unitAmount: price.unitAmount,
      newTotalPerPeriod: price.unitAmount * seats,
      chargedNow,
      prorationDate: at,
      periodEnd: period.end,
    };
  },

  async confirm({ tx, accountId, seats, cycle, prorationDate, idempotencyKey, now }): Promise<ConfirmOutcome> {
    const [replay] = await tx
      .select()
      .from(billingInvoices)
      .where(and(eq(billingInvoices.accountId, accountId), eq(billingInvoices.idempotencyKey, idempotencyKey)));
    if (replay) {
      return replay.status === "paid" ? { status: "paid", chargedNow: replay.amountPaid } : { status: "declined", message: DECLINED };
    }
    const card = await ensureCard({ tx, accountId });
    let billing = await ensureBillingAccount({ tx, accountId, provider: "local", customerId: localCustomerId(accountId) });
    billing = await catchUpRenewals({ tx, billing, declines: card.declines, now });
    const live = hasLiveSubscription(billing) ? billing : null;
    if (live && seatQuantity(live) === seats) return { status: "unchanged" };

    const at = live && prorationDate !== null ? prorationDate : toUnix(now);
    if (live && (prorationDate === null || prorationDate < periodOf(live)!.start)) return { status: "stale", message: STALE };
    if (live && seats <= live.quantity) {
      // Back up to (at most) the paid-through quantity: these seats are paid for this period.
      await applyRenewalQuantity({ tx, accountId, renewalQuantity: seats });
      return { status: "paid", chargedNow: 0 };
    }
    let next: SubscriptionSnapshot;
    let invoice: InvoiceSnapshot;
    const invoiceId = `in_local_${randomUUID()}`;
    if (!live) {
      const price = seatPrice(cycle);
      const subscriptionId = `sub_local_${randomUUID()}`;
      const period = { start: at, end: addPeriods(at, cycle, 1) };
      next = subscriptionSnapshot({ id: subscriptionId, customerId: billing.customerId, status: "active", quantity: seats, cycle, anchor: at, period });
      invoice = invoiceSnapshot({
        id: invoiceId, customerId: billing.customerId, subscriptionId, currency: price.currency, created: at,
        reason: "subscription_create", amount: price.unitAmount * seats,
        lines: [{ description: `${seats} × seat`, quantity: seats, amount: price.unitAmount * seats }], period,
      });
    } else {
      const price = seatPrice(live.billingCycle);
      const period = currentPeriod(live, at);
      const proration = quantityChangeProration({ unitAmount: price.unitAmount, fromQuantity: live.quantity, toQuantity: seats, periodStart: period.start, periodEnd: period.end, at });
      next = { ...currentSnapshot(live), items: { data: [itemOf(seats, live.billingCycle, period)] } };
      invoice = invoiceSnapshot({
        id: invoiceId, customerId: live.customerId, subscriptionId: live.subscriptionId, currency: price.currency, created: toUnix(now),
        reason: "subscription_update", amount: proration.total, lines: proration.lines, period: { start: at, end: period.end },
      });
    }

    if (card.declines) {
      // Like Stripe with pending_if_incomplete (or error_if_incomplete on create): the invoice
      // fails, the pending change expires with it voided, and the subscription stays as it was.
      const unchanged = live ? currentSnapshot(live) : null;
      const read = async () => unchanged ?? next;
      const failedInvoice = { ...invoice, parent: live ? invoice.parent : null };
      await settle({ tx, type: "invoice.payment_failed", object: { ...failedInvoice, status: "open" }, read, now });
      await settle({ tx, type: "invoice.voided", object: { ...failedInvoice, status: "void" }, read, now });
      await tagInvoice({ tx, invoiceId, idempotencyKey });
      return { status: "declined", message: DECLINED };
    }

    const read = async () => next;
    if (!live) await settle({ tx, type: "customer.subscription.created", object: next, read, now });
    await settle({ tx, type: "invoice.paid", object: { ...invoice, status: "paid", amount_paid: invoice.amount_due }, read, now });
    if (live) await settle({ tx, type: "customer.subscription.updated", object: next, read, now });
    await tagInvoice({ tx, invoiceId, idempotencyKey });
    return { status: "paid", chargedNow: invoice.amount_due };
  },

  async removeSeats({ tx, accountId, seats, now }) {
    const card = await ensureCard({ tx, accountId });
    let billing = await ensureBillingAccount({ tx, accountId, provider: "local", customerId: localCustomerId(accountId) });
    billing = await catchUpRenewals({ tx, billing, declines: card.declines, now });
    if (!hasLiveSubscription(billing)) throw new Error("There is no subscription to remove seats from.");
    // Same policy as the Stripe provider: the seats go now, the paid-through quantity stays
    // billed until the period ends, the renewal invoices `seats` (decision 0028).
    await applyRenewalQuantity({ tx, accountId, renewalQuantity: seats });
  },

  async payPastDue({ tx, accountId, now }) {
    return payLocalOpenInvoice({ tx, accountId, now });
  },

  async paymentMethod({ db, accountId }) {
    const [card] = await db.select().from(localPaymentMethods).where(eq(localPaymentMethods.accountId, accountId));
    const shown = card ?? { brand: "visa", last4: "4242", expMonth: 12, expYear: 2034, declines: false };
    return { kind: "test_card", brand: shown.brand, last4: shown.last4, expMonth: shown.expMonth, expYear: shown.expYear, declines: shown.declines };
  },

  async portalUrl() {
    return null;
  },
};

export const STALE = "A new billing period started since this price was shown. Review the new total and confirm again.";
const DECLINED = "Your card was declined. No seats were added and nothing was charged.";

export function localCustomerId(accountId: string) {
  return `cus_local_${accountId}`;
}

async function ensureCard({ tx, accountId }: { tx: Db; accountId: string }) {
  await tx.insert(localPaymentMethods).values({ accountId }).onConflictDoNothing();
  const [card] = await tx.select().from(localPaymentMethods).where(eq(localPaymentMethods.accountId, accountId));
  return card;
}

/** The test card's decline switch (the "test mode" box on the Manage Seats page). */
export async function setLocalCardDeclines({ db, accountId, declines }: { db: Db; accountId: string; declines: boolean }) {
  await db
    .insert(localPaymentMethods)
    .values({ accountId, declines })
    .onConflictDoUpdate({ target: localPaymentMethods.accountId, set: { declines, updatedAt: new Date() } });
}

function currentPeriod(billing: BillingAccountRow, at: number) {
  const stored = periodOf(billing);
  if (stored && at >= stored.start && at < stored.end) return stored;
  const anchor = billing.cycleAnchor ? toUnix(billing.cycleAnchor) : (stored?.start ?? at);
  return periodContaining(anchor, billing.billingCycle, at);
}

/**
 * Renewal invoices for every period that ended since the last look (seats are billed in advance,
 * for the seats in use: a removal this period takes effect here). A declined renewal leaves the
 * subscription past due, like Stripe's invoice.payment_failed, and stops there: nothing more is
 * invoiced until it is paid (payLocalOpenInvoice).
 */
export async function catchUpRenewals({ tx, billing, declines, now }: { tx: Db; billing: BillingAccountRow; declines: boolean; now: Date }) {
  let current = billing;
  const at = toUnix(now);
  for (let guard = 0; guard < 36 && hasLiveSubscription(current) && current.status !== "past_due"; guard++) {
    const period = periodOf(current);
    if (!period || period.end > at) break;
    const price = seatPrice(current.billingCycle);
    const quantity = seatQuantity(current);
    const nextPeriod = periodContaining(toUnix(current.cycleAnchor ?? current.currentPeriodStart!), current.billingCycle, period.end);
    const snapshot = {
      ...currentSnapshot(current),
      status: declines ? "past_due" : "active",
      items: { data: [itemOf(quantity, current.billingCycle, nextPeriod)] },
    };
    const amount = price.unitAmount * quantity;
    const invoice = invoiceSnapshot({
      id: `in_local_${randomUUID()}`, customerId: current.customerId, subscriptionId: current.subscriptionId, currency: price.currency,
      created: period.end, reason: "subscription_cycle", amount, period: nextPeriod,
      lines: [{ description: `${quantity} × seat (${formatPeriod(nextPeriod)})`, quantity, amount }],
    });
    const read = async () => snapshot;
    const chargedAt = fromUnix(period.end);
    if (declines) await settle({ tx, type: "invoice.payment_failed", object: { ...invoice, status: "open" }, read, now: chargedAt });
    else await settle({ tx, type: "invoice.paid", object: { ...invoice, status: "paid", amount_paid: amount }, read, now: chargedAt });
    current = (await readBillingAccount({ db: tx, accountId: current.accountId }))!;
  }
  return current;
}

/**
 * "Pay now" for a past-due local subscription: charges the test card for the open renewal
 * invoice; paid → active again (and renewals resume). Runs under the seat lock.
 */
export async function payLocalOpenInvoice({ tx, accountId, now }: { tx: Db; accountId: string; now: Date }): Promise<ConfirmOutcome> {
  const card = await ensureCard({ tx, accountId });
  const billing = await readBillingAccount({ db: tx, accountId });
  if (!hasLiveSubscription(billing) || billing.status !== "past_due") return { status: "unchanged" };
  const [open] = await tx
    .select()
    .from(billingInvoices)
    .where(and(eq(billingInvoices.accountId, accountId), eq(billingInvoices.status, "open"), eq(billingInvoices.subscriptionId, billing.subscriptionId)));
  if (card.declines) {
    if (open) await tx.update(billingInvoices).set({ paymentIssue: "failed", updatedAt: now }).where(eq(billingInvoices.id, open.id));
    return { status: "declined", message: "Your card was declined again. Update the card and pay again." };
  }
  const active = { ...currentSnapshot(billing), status: "active" };
  const read = async () => active;
  if (open) {
    const object = {
      ...invoiceSnapshot({
        id: open.providerInvoiceId, customerId: billing.customerId, subscriptionId: billing.subscriptionId, currency: open.currency,
        created: toUnix(open.issuedAt), reason: open.billingReason ?? "subscription_cycle", amount: open.amountDue,
        lines: (open.lines ?? []).map((l) => ({ description: l.description ?? "", quantity: l.quantity ?? 0, amount: l.amount })),
        period: { start: toUnix(open.periodStart ?? open.issuedAt), end: toUnix(open.periodEnd ?? open.issuedAt) },
      }),
      status: "paid",
      amount_paid: open.amountDue,
    };
    await settle({ tx, type: "invoice.paid", object, read, now });
  } else {
    await settle({ tx, type: "customer.subscription.updated", object: active, read, now });
  }
  // Renewals that fell due while it was past due are invoiced now.
  await catchUpRenewals({ tx, billing: (await readBillingAccount({ db: tx, accountId }))!, declines: false, now });
  return { status: "paid", chargedNow: open?.amountDue ?? 0 };
}

function formatPeriod({ start, end }: { start: number; end: number }) {
  const day = (s: number) => fromUnix(s).toISOString().slice(0, 10);
  return `${day(start)} – ${day(end)}`;
}

async function settle({ tx, type, object, read, now }: { tx: Db; type: string; object: unknown; read: () => Promise<SubscriptionSnapshot>; now: Date }) {
  const event: EventSnapshot = { id: `evt_local_${randomUUID()}`, type, created: toUnix(now), data: { object } };
  await settleEventInTransaction({ tx, event, readSubscription: read });
}

async function tagInvoice({ tx, invoiceId, idempotencyKey }: { tx: Db; invoiceId: string; idempotencyKey: string }) {
  await tx.update(billingInvoices).set({ idempotencyKey }).where(eq(billingInvoices.providerInvoiceId, invoiceId));
}

function itemOf(quantity: number, cycle: BillingCycle, period: { start: number; end: number }) {
  return { quantity, current_period_start: period.start, current_period_end: period.end, price: { recurring: { interval: cycle } } };
}

function subscriptionSnapshot(p: {
  id: string;
  customerId: string;
  status: string;
  quantity: number;
  cycle: BillingCycle;
  anchor: number;
  period: { start: number; end: number };
}): SubscriptionSnapshot & { object: "subscription" } {
  return {
    object: "subscription",
    id: p.id,
    customer: p.customerId,
    status: p.status,
    billing_cycle_anchor: p.anchor,
    items: { data: [itemOf(p.quantity, p.cycle, p.period)] },
    pending_update: null,
  };
}

function currentSnapshot(billing: BillingAccountRow & { subscriptionId: string }) {
  const period = periodOf(billing)!;
  return subscriptionSnapshot({
    id: billing.subscriptionId,
    customerId: billing.customerId,
    status: billing.status ?? "active",
    quantity: billing.quantity,
    cycle: billing.billingCycle,
    anchor: billing.cycleAnchor ? toUnix(billing.cycleAnchor) : period.start,
    period,
  });
}

function invoiceSnapshot(p: {
  id: string;
  customerId: string;
  subscriptionId: string;
  currency: string;
  created: number;
  reason: string;
  amount: number;
  lines: ProrationLine[];
  period: { start: number; end: number };
}): InvoiceSnapshot & { object: "invoice" } {
  return {
    object: "invoice",
    id: p.id,
    customer: p.customerId,
    status: "open",
    number: null,
    amount_due: p.amount,
    amount_paid: 0,
    currency: p.currency,
    billing_reason: p.reason,
    description: null,
    created: p.created,
    period_start: p.created,
    period_end: p.created,
    hosted_invoice_url: null,
    parent: { subscription_details: { subscription: p.subscriptionId } },
    lines: { data: p.lines.map((l) => ({ description: l.description, quantity: l.quantity, amount: l.amount, period: p.period })) },
  };
}
