import Stripe from "stripe";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { billingInvoices } from "@/db/schema";
import { ensureBillingAccount, hasLiveSubscription, readBillingAccount, seatQuantity } from "./billing-account";
import { toUnix } from "./periods";
import { seatPrice, type BillingCycle } from "./prices";
import type { BillingProvider, ConfirmOutcome, SeatPreview } from "./provider";
import { applyRenewalQuantity, applySubscriptionState, type SubscriptionReader } from "./settlement";

const DECLINED = "Your payment did not go through. No seats were added and nothing was charged. Check the payment method in the billing portal.";
const DECLINED_RENEWAL = "The payment did not go through. Update the card with \"Manage payment method\" and pay again.";
const ACTION_REQUIRED = "Your bank asks you to confirm this payment. No seats are added until it is paid.";
const STALE = "A new billing period started since this price was shown. Review the new total and confirm again.";

/**
 * Stripe as the billing provider: a customer per account, one subscription whose quantity is the
 * paid-through seat count. The first purchase goes through Stripe Checkout (the webhooks grant
 * the seats); later purchases preview with a fixed proration_date and confirm with the same
 * date, invoicing the proration at once on the saved card; `pending_if_incomplete` leaves the
 * quantity unchanged when the payment fails or waits for 3-D Secure. Removals take the seats away
 * at once and lower the quantity at the period end through a subscription schedule (decision 0028).
 *
 * confirm and removeSeats run inside the caller's transaction, holding the account's seat lock
 * across the API call: purchases, removals and role changes of one account are serialized, so a
 * removal can never undercut a seat that is being assigned at the same moment.
 */
export function createStripeProvider({ stripe, prices }: { stripe: Stripe; prices: Record<BillingCycle, string> }): BillingProvider {
  const readSubscription: SubscriptionReader = (id) => stripe.subscriptions.retrieve(id);

  async function ensureCustomer(db: Db, accountId: string) {
    const existing = await readBillingAccount({ db, accountId });
    if (existing) return existing;
    const customer = await stripe.customers.create(
      { metadata: { account_id: accountId } },
      { idempotencyKey: `customer-${accountId}` },
    );
    return ensureBillingAccount({ tx: db, accountId, provider: "stripe", customerId: customer.id });
  }

  async function currentItem(subscriptionId: string) {
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    const item = subscription.items.data[0];
    if (!item) throw new Error(`Subscription ${subscriptionId} has no seat item.`);
    return { subscription, item };
  }

  return {
    kind: "stripe",

    async preview({ db, accountId, seats, cycle, now }): Promise<SeatPreview> {
      const billing = await ensureCustomer(db, accountId);
      if (!hasLiveSubscription(billing)) {
        const price = seatPrice(cycle);
        const invoice = await stripe.invoices.createPreview({
          customer: billing.customerId,
          subscription_details: { items: [{ price: prices[cycle], quantity: seats }] },
        });
        return {
          currentSeats: 0, seats, cycle, currency: invoice.currency, unitAmount: price.unitAmount,
          newTotalPerPeriod: price.unitAmount * seats, chargedNow: invoice.amount_due, prorationDate: null, periodEnd: null,
        };
      }
      const { item } = await currentItem(billing.subscriptionId);
      const price = seatPrice(billing.billingCycle);
      const unitAmount = item.price.unit_amount ?? price.unitAmount;
      const prorationDate = toUnix(now);
      // The subscription's quantity is the paid-through quantity; the account may use fewer (decision 0028).
      const paidThrough = item.quantity ?? 0;
      const base = {
        currentSeats: seatQuantity(billing), seats, cycle: billing.billingCycle, currency: item.price.currency ?? price.currency, unitAmount,
        newTotalPerPeriod: unitAmount * seats, prorationDate, periodEnd: item.current_period_end,
      };
      if (seats <= paidThrough) return { ...base, chargedNow: 0 };
      const invoice = await stripe.invoices.createPreview({
        customer: billing.customerId,
        subscription: billing.subscriptionId,
        subscription_details: {
          items: [{ id: item.id, quantity: seats }],
          proration_date: prorationDate,
          proration_behavior: "always_invoice",
        },
      });
      return { ...base, chargedNow: invoice.amount_due };
    },

    async confirm({ tx, accountId, seats, cycle, prorationDate, idempotencyKey, returnUrl }): Promise<ConfirmOutcome> {
      const billing = await ensureCustomer(tx, accountId);
      const key = `seats-${accountId}-${idempotencyKey}`;
      try {
        if (!hasLiveSubscription(billing)) {
          // The first purchase goes through Stripe Checkout, which collects and saves the card;
          // the seats are granted by its webhooks (checkout.session.completed / invoice.paid).
          if (!returnUrl) throw new Error("A first Stripe purchase needs the page to return to.");
          const session = await stripe.checkout.sessions.create(
            {
              mode: "subscription",
              customer: billing.customerId,
              client_reference_id: accountId,
              line_items: [{ price: prices[cycle], quantity: seats }],
              subscription_data: { metadata: { account_id: accountId } },
              success_url: `${returnUrl}?checkout=success`,
              cancel_url: `${returnUrl}?checkout=cancel`,
            },
            { idempotencyKey: key },
          );
          if (!session.url) throw new Error("Stripe returned a Checkout session without a URL.");
          return { status: "redirect", url: session.url };
        }
        const { subscription, item } = await currentItem(billing.subscriptionId);
        const paidThrough = item.quantity ?? 0;
        if (seatQuantity(billing) === seats) return { status: "unchanged" };
        if (prorationDate === null || prorationDate < item.current_period_start) return { status: "stale", message: STALE };
        if (seats <= paidThrough) {
          // Back up to (at most) the paid-through quantity: nothing to pay, only the renewal changes.
          await scheduleRenewalQuantity({ subscription, item, seats, key });
          await applySubscriptionState({ tx, accountId, subscriptionId: subscription.id, readSubscription });
          await applyRenewalQuantity({ tx, accountId, renewalQuantity: seats });
          return { status: "paid", chargedNow: 0 };
        }
        // Above the paid-through quantity: the schedule's lower renewal no longer applies.
        if (scheduleId(subscription)) await stripe.subscriptionSchedules.release(scheduleId(subscription)!, {}, { idempotencyKey: `${key}-release` });
        const updated = await stripe.subscriptions.update(
          billing.subscriptionId,
          {
            items: [{ id: item.id, quantity: seats }],
            proration_date: prorationDate,
            proration_behavior: "always_invoice",
            payment_behavior: "pending_if_incomplete",
            expand: ["latest_invoice.payments"],
          },
          { idempotencyKey: key },
        );
        await applySubscriptionState({ tx, accountId, subscriptionId: updated.id, readSubscription });
        if (updated.pending_update) {
          // Unpaid: the seats in use stay as they were, and so does the renewal.
          if (billing.renewalQuantity !== null && scheduleId(subscription)) {
            await scheduleRenewalQuantity({ subscription: { ...updated, schedule: null }, item, seats: billing.renewalQuantity, key: `${key}-restore` });
          }
          const invoice = typeof updated.latest_invoice === "string" ? null : updated.latest_invoice;
          if (invoice && (await needsAuthentication(invoice)) && invoice.hosted_invoice_url) {
            return { status: "action_required", url: invoice.hosted_invoice_url, message: ACTION_REQUIRED };
          }
          return { status: "declined", message: DECLINED };
        }
        return { status: "paid", chargedNow: amountPaid(updated.latest_invoice) };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) return { status: "declined", message: DECLINED };
        throw error;
      }
    },

    async removeSeats({ tx, accountId, seats, idempotencyKey }) {
      const billing = await readBillingAccount({ db: tx, accountId });
      if (!hasLiveSubscription(billing)) throw new Error("There is no subscription to remove seats from.");
      const { subscription, item } = await currentItem(billing.subscriptionId);
      await scheduleRenewalQuantity({ subscription, item, seats, key: `remove-${accountId}-${idempotencyKey}` });
      await applySubscriptionState({ tx, accountId, subscriptionId: billing.subscriptionId, readSubscription });
      await applyRenewalQuantity({ tx, accountId, renewalQuantity: seats });
    },

    async payPastDue({ tx, accountId, idempotencyKey }) {
      const billing = await readBillingAccount({ db: tx, accountId });
      if (!hasLiveSubscription(billing) || billing.status !== "past_due") return { status: "unchanged" };
      const [open] = await tx
        .select()
        .from(billingInvoices)
        .where(and(eq(billingInvoices.accountId, accountId), eq(billingInvoices.status, "open"), eq(billingInvoices.subscriptionId, billing.subscriptionId)))
        .orderBy(desc(billingInvoices.issuedAt))
        .limit(1);
      if (!open) return { status: "unchanged" };
      try {
        // Retries the charge on the customer's default payment method (updated in the portal).
        const paid = await stripe.invoices.pay(open.providerInvoiceId, {}, { idempotencyKey: `pay-${accountId}-${idempotencyKey}` });
        await applySubscriptionState({ tx, accountId, subscriptionId: billing.subscriptionId, readSubscription });
        if (paid.status === "paid") return { status: "paid", chargedNow: paid.amount_paid };
        if (paid.hosted_invoice_url) return { status: "action_required", url: paid.hosted_invoice_url, message: ACTION_REQUIRED };
        return { status: "declined", message: DECLINED_RENEWAL };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) return { status: "declined", message: DECLINED_RENEWAL };
        throw error;
      }
    },

    async paymentMethod() {
      return { kind: "portal" };
    },

    async portalUrl({ db, accountId, returnUrl }) {
      const billing = await ensureCustomer(db, accountId);
      const session = await stripe.billingPortal.sessions.create({ customer: billing.customerId, return_url: returnUrl });
      return session.url;
    },
  };

  /**
   * The documented way to change a subscription at the end of its period: a subscription schedule
   * whose current phase keeps the paid-through quantity until the period ends and whose next phase
   * bills `seats` (end_behavior release: afterwards the subscription runs on by itself). Back at
   * the paid-through quantity, the schedule is released and the subscription simply renews.
   */
  async function scheduleRenewalQuantity({
    subscription,
    item,
    seats,
    key,
  }: {
    subscription: Stripe.Subscription;
    item: Stripe.SubscriptionItem;
    seats: number;
    key: string;
  }) {
    const existing = scheduleId(subscription);
    const paidThrough = item.quantity ?? 0;
    if (seats >= paidThrough) {
      if (existing) await stripe.subscriptionSchedules.release(existing, {}, { idempotencyKey: `${key}-release` });
      return;
    }
    const schedule = existing
      ? await stripe.subscriptionSchedules.retrieve(existing)
      : await stripe.subscriptionSchedules.create({ from_subscription: subscription.id }, { idempotencyKey: `${key}-schedule` });
    const price = item.price.id;
    await stripe.subscriptionSchedules.update(
      schedule.id,
      {
        end_behavior: "release",
        proration_behavior: "none",
        phases: [
          {
            items: [{ price, quantity: paidThrough }],
            start_date: schedule.phases[0]?.start_date ?? item.current_period_start,
            end_date: item.current_period_end,
          },
          {
            items: [{ price, quantity: seats }],
            duration: { interval: item.price.recurring?.interval === "year" ? "year" : "month", interval_count: 1 },
          },
        ],
      },
      { idempotencyKey: `${key}-phases` },
    );
  }

  /** 3-D Secure: the proration invoice's payment waits for the customer to authenticate. */
  async function needsAuthentication(invoice: Stripe.Invoice) {
    const payment = invoice.payments?.data[0]?.payment;
    const intent = payment?.payment_intent;
    if (!intent) return false;
    const status = typeof intent === "string" ? (await stripe.paymentIntents.retrieve(intent)).status : intent.status;
    return status === "requires_action";
  }
}

function scheduleId(subscription: Stripe.Subscription) {
  const schedule = subscription.schedule;
  if (!schedule) return null;
  return typeof schedule === "string" ? schedule : schedule.id;
}

function amountPaid(invoice: string | Stripe.Invoice | null) {
  return invoice && typeof invoice !== "string" ? invoice.amount_paid : 0;
}
