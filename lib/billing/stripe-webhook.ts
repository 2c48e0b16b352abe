import type Stripe from "stripe";
import type { Db } from "@/db/database";
import { settleEvent } from "./settlement";
import { stripeClientFromEnv } from "./stripe-client";

type Env = Record<string, string | undefined>;

/**
 * A Stripe webhook delivery: verify the signature over the raw body, then settle the event.
 * Success is reported only after settlement committed; any failure is a 5xx so Stripe retries.
 */
export async function handleStripeWebhook({
  db,
  body,
  signature,
  env = process.env,
}: {
  db: Db;
  body: string;
  signature: string | null;
  env?: Env;
}): Promise<{ status: number; body: Record<string, unknown> }> {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  const stripe = stripeClientFromEnv(env);
  if (!secret || !stripe) return { status: 503, body: { error: "Stripe is not configured." } };
  if (!signature) return { status: 400, body: { error: "Missing Stripe-Signature header." } };
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, secret);
  } catch {
    return { status: 400, body: { error: "Invalid signature." } };
  }
  const result = await settleEvent({ db, event, readSubscription: (id) => stripe.subscriptions.retrieve(id) });
  return { status: 200, body: { received: true, ...result } };
}
