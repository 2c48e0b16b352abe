import Stripe from "stripe";
import type { Db } from "@/db/database";
import { ensureBillingAccount, hasLiveSubscription, readBillingAccount } from "./billing-account";
import { toUnix } from "./periods";
import { seatPrice, type BillingCycle } from "./prices";
import type { BillingProvider, ConfirmOutcome, SeatPreview } from "./provider";
import { applySubscriptionState, type SubscriptionReader } from "./settlement";

const DECLINED = "Your payment did not go through. No seats were added and nothing was charged. Check the payment method in the billing portal.";
const STALE = "A new billing period started since this price was shown. Review the new total and confirm again.";

/**
 * Stripe as the billing provider: a customer per account, one subscription whose quantity is the
 * purchased seat count. Purchases preview with a fixed proration_date and confirm with the same
 * date, invoicing the proration at once; `pending_if_incomplete` leaves the quantity unchanged
 * when the payment fails. Removals use proration_behavior 'none': no charge, no credit.
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
      const currentSeats = item.quantity ?? 0;
      const base = {
        currentSeats, seats, cycle: billing.billingCycle, currency: item.price.currency ?? price.currency, unitAmount,
        newTotalPerPeriod: unitAmount * seats, prorationDate, periodEnd: item.current_period_end,
      };
      if (seats <= currentSeats) return { ...base, chargedNow: 0 };
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

    async confirm({ tx, accountId, seats, cycle, prorationDate, idempotencyKey }): Promise<ConfirmOutcome> {
      const billing = await ensureCustomer(tx, accountId);
      const requestOptions = { idempotencyKey: `seats-${accountId}-${idempotencyKey}` };
      try {
        if (!hasLiveSubscription(billing)) {
          const created = await stripe.subscriptions.create(
            {
              customer: billing.customerId,
              items: [{ price: prices[cycle], quantity: seats }],
              // A declined first payment creates no subscription at all.
              payment_behavior: "error_if_incomplete",
              metadata: { account_id: accountId },
              expand: ["latest_invoice"],
            },
            requestOptions,
          );
          await applySubscriptionState({ tx, accountId, subscriptionId: created.id, readSubscription });
          if (created.status !== "active" && created.status !== "trialing") return { status: "declined", message: DECLINED };
          return { status: "paid", chargedNow: amountPaid(created.latest_invoice) };
        }
        const { item } = await currentItem(billing.subscriptionId);
        if (item.quantity === seats) return { status: "unchanged" };
        if (prorationDate === null || prorationDate < item.current_period_start) return { status: "stale", message: STALE };
        const updated = await stripe.subscriptions.update(
          billing.subscriptionId,
          {
            items: [{ id: item.id, quantity: seats }],
            proration_date: prorationDate,
            proration_behavior: "always_invoice",
            payment_behavior: "pending_if_incomplete",
            expand: ["latest_invoice"],
          },
          requestOptions,
        );
        await applySubscriptionState({ tx, accountId, subscriptionId: updated.id, readSubscription });
        if (updated.pending_update) return { status: "declined", message: DECLINED };
        return { status: "paid", chargedNow: amountPaid(updated.latest_invoice) };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) return { status: "declined", message: DECLINED };
        throw error;
      }
    },

    async removeSeats({ tx, accountId, seats, idempotencyKey }) {
      const billing = await readBillingAccount({ db: tx, accountId });
      if (!hasLiveSubscription(billing)) throw new Error("There is no subscription to remove seats from.");
      const { item } = await currentItem(billing.subscriptionId);
      await stripe.subscriptions.update(
        billing.subscriptionId,
        { items: [{ id: item.id, quantity: seats }], proration_behavior: "none" },
        { idempotencyKey: `remove-${accountId}-${idempotencyKey}` },
      );
      await applySubscriptionState({ tx, accountId, subscriptionId: billing.subscriptionId, readSubscription });
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
}

function amountPaid(invoice: string | Stripe.Invoice | null) {
  return invoice && typeof invoice !== "string" ? invoice.amount_paid : 0;
}
