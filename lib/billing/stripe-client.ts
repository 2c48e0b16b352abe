import Stripe from "stripe";
import type { BillingCycle } from "./prices";

type Env = Record<string, string | undefined>;

/**
 * The Stripe SDK client, when STRIPE_SECRET_KEY is set. STRIPE_API_BASE (e.g.
 * http://127.0.0.1:12111) points it at another host — stripe-mock or a test stub.
 */
export function stripeClientFromEnv(env: Env = process.env): Stripe | null {
  const key = env.STRIPE_SECRET_KEY;
  if (!key) return null;
  return new Stripe(key, { ...apiBase(env.STRIPE_API_BASE), maxNetworkRetries: 2 });
}

function apiBase(base: string | undefined) {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? ("http" as const) : ("https" as const);
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** The Stripe Price ids of the monthly and yearly seat (yearly = 12 × monthly, set up in Stripe). */
export function stripePriceIds(env: Env = process.env): Record<BillingCycle, string> {
  const month = env.STRIPE_PRICE_MONTHLY;
  const year = env.STRIPE_PRICE_YEARLY;
  if (!month || !year) {
    throw new Error("With STRIPE_SECRET_KEY set, STRIPE_PRICE_MONTHLY and STRIPE_PRICE_YEARLY must name the seat prices.");
  }
  return { month, year };
}
