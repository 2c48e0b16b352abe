import type { Db } from "@/db/database";
import type { BillingCycle } from "./prices";

/**
 * The billing port. Two implementations: Stripe (STRIPE_SECRET_KEY set) and the local provider
 * (the embedded default). Both settle through lib/billing/settlement.ts, and both follow the same
 * removal policy: the seats drop at once, nothing is charged or credited, and the subscription
 * keeps its paid-through quantity until the period ends, so adding seats back up to it costs
 * nothing and only seats above it are prorated (REMOVAL_POLICY_TEXT, decision 0028).
 *
 * Invoices are not listed through the provider: both settle them into billing_invoices, which the
 * overview reads.
 */
export const REMOVAL_POLICY_TEXT =
  "Removed seats stop being billed from your next renewal; no charge now. They stay paid until then: adding them back this period costs nothing.";

export type SeatPreview = {
  /** Purchased seats the account has today (after any removal this period). */
  currentSeats: number;
  seats: number;
  cycle: BillingCycle;
  currency: string;
  unitAmount: number;
  /** What each following period costs for `seats`. */
  newTotalPerPeriod: number;
  /** What is charged right now on confirmation (prorated; 0 for a removal). */
  chargedNow: number;
  /** The instant (Unix seconds) the proration is computed for; null for a first purchase. */
  prorationDate: number | null;
  /** When the current period ends (the next regular charge), Unix seconds; null before a first purchase. */
  periodEnd: number | null;
};

export type ConfirmOutcome =
  | { status: "paid"; chargedNow: number }
  | { status: "unchanged" }
  | { status: "declined"; message: string }
  /** Stripe Checkout: the buyer pays on Stripe's page; the webhooks grant the seats. */
  | { status: "redirect"; url: string }
  /** 3-D Secure: the payment waits on Stripe's hosted invoice page; nothing is granted until it is paid. */
  | { status: "action_required"; url: string; message: string }
  /** The preview no longer applies (its proration date fell out of the current period). */
  | { status: "stale"; message: string };

export type PaymentMethodInfo =
  | { kind: "test_card"; brand: string; last4: string; expMonth: number; expYear: number; declines: boolean }
  | { kind: "portal" };

export interface BillingProvider {
  readonly kind: "local" | "stripe";
  preview(params: { db: Db; accountId: string; seats: number; cycle: BillingCycle; now: Date }): Promise<SeatPreview>;
  /** Runs inside the caller's transaction, which holds the account's seat lock. */
  confirm(params: {
    tx: Db;
    accountId: string;
    seats: number;
    cycle: BillingCycle;
    prorationDate: number | null;
    idempotencyKey: string;
    now: Date;
    /** The Manage Seats page's address: where Stripe Checkout returns to. */
    returnUrl?: string;
  }): Promise<ConfirmOutcome>;
  /** Lowers the seats to `seats` now and the billed quantity from the next renewal; no charge, no credit. Runs under the seat lock. */
  removeSeats(params: { tx: Db; accountId: string; seats: number; idempotencyKey: string; now: Date }): Promise<void>;
  /** Charges the open invoice of a past-due subscription again. Runs under the seat lock. */
  payPastDue(params: { tx: Db; accountId: string; idempotencyKey: string; now: Date }): Promise<ConfirmOutcome>;
  paymentMethod(params: { db: Db; accountId: string }): Promise<PaymentMethodInfo>;
  /** A page where the customer manages the payment method (Stripe's customer portal); null locally. */
  portalUrl(params: { db: Db; accountId: string; returnUrl: string }): Promise<string | null>;
}
