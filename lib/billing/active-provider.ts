import type { BillingProvider } from "./provider";
import { localProvider } from "./local-provider";
import { stripeClientFromEnv, stripePriceIds } from "./stripe-client";
import { createStripeProvider } from "./stripe-provider";

let cached: { key: string; provider: BillingProvider } | undefined;

/** Stripe when STRIPE_SECRET_KEY is set, else the embedded local provider. */
export function billingProvider(env: Record<string, string | undefined> = process.env): BillingProvider {
  if (!env.STRIPE_SECRET_KEY) return localProvider;
  const key = `${env.STRIPE_SECRET_KEY}|${env.STRIPE_API_BASE ?? ""}`;
  if (cached?.key !== key) {
    cached = { key, provider: createStripeProvider({ stripe: stripeClientFromEnv(env)!, prices: stripePriceIds(env) }) };
  }
  return cached.provider;
}
