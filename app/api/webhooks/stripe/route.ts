import { getDb } from "@/db/client";
import { handleStripeWebhook } from "@/lib/billing/stripe-webhook";

// The signature covers the exact bytes Stripe sent: read the raw body, never parsed JSON.
export async function POST(req: Request) {
  const body = await req.text();
  const result = await handleStripeWebhook({ db: await getDb(), body, signature: req.headers.get("stripe-signature") });
  return Response.json(result.body, { status: result.status });
}
