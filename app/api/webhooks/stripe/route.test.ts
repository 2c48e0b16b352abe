import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { accountSeats, billingAccounts, billingInvoices, events, stripeEvents } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createBillingTestAccount, seatsOf } from "@/lib/billing/billing.fixtures";
import { startStripeStub, type StripeStub } from "@/lib/billing/stripe-stub.fixtures";
import { POST } from "./route";

const t = useTestDatabase();
const secret = "whsec_test_secret";
let stub: StripeStub;
const saved = { ...process.env };

beforeAll(async () => {
  stub = await startStripeStub();
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_stub",
    STRIPE_API_BASE: stub.baseUrl,
    STRIPE_WEBHOOK_SECRET: secret,
    STRIPE_PRICE_MONTHLY: "price_month",
    STRIPE_PRICE_YEARLY: "price_year",
  });
});
afterAll(async () => {
  process.env = saved;
  await stub.close();
});
beforeEach(() => {
  // The route takes its database from db/client's process-wide holder.
  (globalThis as { __conversationsDb?: unknown }).__conversationsDb = Promise.resolve({ db: t.db });
  stub.requests.length = 0;
});

const now = Math.floor(Date.now() / 1000);
let accountId: string;

async function setUpSubscribedAccount({ quantity, pendingQuantity = null }: { quantity: number; pendingQuantity?: number | null }) {
  const account = await createBillingTestAccount({ db: t.db });
  accountId = account.accountId;
  await t.db.insert(billingAccounts).values({
    accountId,
    provider: "stripe",
    customerId: "cus_test_1",
    subscriptionId: "sub_test_1",
    status: "active",
    quantity,
  });
  await t.db.update(accountSeats).set({ purchased: quantity }).where(eq(accountSeats.accountId, accountId));
  stubSubscription({ quantity, pendingQuantity });
}

function stubSubscription(s: { quantity: number; pendingQuantity?: number | null; status?: string }) {
  stub.state.subscription = {
    id: "sub_test_1",
    customer: "cus_test_1",
    status: s.status ?? "active",
    quantity: s.quantity,
    interval: "month",
    unitAmount: 1500,
    periodStart: now - 86_400,
    periodEnd: now + 29 * 86_400,
    pendingQuantity: s.pendingQuantity ?? null,
  };
}

function subscriptionPayload(quantity: number) {
  return { id: "sub_test_1", object: "subscription", customer: "cus_test_1", status: "active", items: { data: [{ quantity }] } };
}

function invoicePayload(status: string, amount: number) {
  return {
    id: "in_test_9",
    object: "invoice",
    customer: "cus_test_1",
    status,
    number: "INV-0009",
    amount_due: amount,
    amount_paid: status === "paid" ? amount : 0,
    currency: "usd",
    billing_reason: "subscription_update",
    description: null,
    created: now,
    period_start: now,
    period_end: now,
    parent: { type: "subscription_details", subscription_details: { subscription: "sub_test_1" } },
  };
}

function stripeEvent(id: string, type: string, object: unknown, created = now) {
  return { id, object: "event", type, created, livemode: false, pending_webhooks: 1, request: null, data: { object } };
}

function delivery(event: unknown, { signWith = secret, tamper = false }: { signWith?: string; tamper?: boolean } = {}) {
  const payload = JSON.stringify(event);
  const header = stub.stripe.webhooks.generateTestHeaderString({ payload, secret: signWith });
  const body = tamper ? payload.replace('"quantity":5', '"quantity":50') : payload;
  return new Request("http://app.test/api/webhooks/stripe", { method: "POST", body, headers: { "stripe-signature": header } });
}

const applied = () => t.db.select().from(stripeEvents);
const outboxOf = (type: string) => t.db.select().from(events).where(and(eq(events.accountId, accountId), eq(events.type, type)));

describe("POST /api/webhooks/stripe", () => {
  test("a bad or missing signature gets 400 and changes nothing", async () => {
    await setUpSubscribedAccount({ quantity: 2 });
    stubSubscription({ quantity: 5 });
    const event = stripeEvent("evt_bad", "customer.subscription.updated", subscriptionPayload(5));
    for (const request of [
      delivery(event, { signWith: "whsec_wrong" }),
      delivery(event, { tamper: true }),
      new Request("http://app.test/api/webhooks/stripe", { method: "POST", body: JSON.stringify(event) }),
    ]) {
      const response = await POST(request);
      expect(response.status).toBe(400);
    }
    expect(await applied()).toHaveLength(0);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
    expect(stub.requests).toHaveLength(0);
  });

  test("the same event delivered twice is applied once", async () => {
    await setUpSubscribedAccount({ quantity: 2 });
    stubSubscription({ quantity: 5 });
    const event = stripeEvent("evt_once", "customer.subscription.updated", subscriptionPayload(5));
    const first = await POST(delivery(event));
    expect(first.status).toBe(200);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(5);
    // Stripe retries the same event later; even if the subscription moved on meanwhile, this event is spent.
    stubSubscription({ quantity: 9 });
    const again = await POST(delivery(event));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ received: true, applied: false, reason: "duplicate" });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(5);
    expect(await applied()).toHaveLength(1);
    expect(await outboxOf("seats.changed")).toHaveLength(1);
  });

  test("events arriving out of order leave the newest state", async () => {
    await setUpSubscribedAccount({ quantity: 2 });
    stubSubscription({ quantity: 7 });
    const older = stripeEvent("evt_1", "customer.subscription.updated", subscriptionPayload(5), now - 60);
    const newer = stripeEvent("evt_2", "customer.subscription.updated", subscriptionPayload(7), now - 30);
    expect((await POST(delivery(newer))).status).toBe(200);
    expect((await POST(delivery(older))).status).toBe(200);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(7);

    const paid = stripeEvent("evt_paid", "invoice.paid", invoicePayload("paid", 1500), now - 10);
    const failedEarlier = stripeEvent("evt_failed", "invoice.payment_failed", invoicePayload("open", 1500), now - 20);
    await POST(delivery(paid));
    await POST(delivery(failedEarlier));
    const [invoice] = await t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId));
    expect(invoice).toMatchObject({ status: "paid", amountPaid: 1500, paymentIssue: null, number: "INV-0009" });
  });

  test("a declined purchase adds no seats, whatever the event payload says", async () => {
    await setUpSubscribedAccount({ quantity: 3, pendingQuantity: 6 });
    await POST(delivery(stripeEvent("evt_f", "invoice.payment_failed", invoicePayload("open", 2000))));
    await POST(delivery(stripeEvent("evt_u", "customer.subscription.updated", subscriptionPayload(6))));
    expect((await seatsOf(t.db, accountId)).purchased).toBe(3);
    const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    expect(billing).toMatchObject({ quantity: 3, pendingQuantity: 6 });
    const [invoice] = await t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId));
    expect(invoice).toMatchObject({ status: "open", paymentIssue: "failed", amountPaid: 0 });

    stubSubscription({ quantity: 3, pendingQuantity: null });
    await POST(delivery(stripeEvent("evt_x", "customer.subscription.pending_update_expired", subscriptionPayload(3))));
    const [after] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    expect(after).toMatchObject({ quantity: 3, pendingQuantity: null });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(3);
  });

  test("seats become usable when the payment settles", async () => {
    await setUpSubscribedAccount({ quantity: 3, pendingQuantity: 6 });
    stubSubscription({ quantity: 6 });
    await POST(delivery(stripeEvent("evt_p", "invoice.paid", invoicePayload("paid", 2000))));
    expect((await seatsOf(t.db, accountId)).purchased).toBe(6);
    await POST(delivery(stripeEvent("evt_a", "customer.subscription.pending_update_applied", subscriptionPayload(6))));
    expect((await seatsOf(t.db, accountId)).purchased).toBe(6);
    expect(await applied()).toHaveLength(2);
  });

  test("a deleted subscription leaves no purchased seats", async () => {
    await setUpSubscribedAccount({ quantity: 4 });
    stubSubscription({ quantity: 4, status: "canceled" });
    const response = await POST(delivery(stripeEvent("evt_d", "customer.subscription.deleted", subscriptionPayload(4))));
    expect(response.status).toBe(200);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(0);
  });

  test("payment action required and trial ending are recorded; unknown customers are acknowledged and ignored", async () => {
    await setUpSubscribedAccount({ quantity: 2 });
    await POST(delivery(stripeEvent("evt_ar", "invoice.payment_action_required", invoicePayload("open", 800))));
    const [invoice] = await t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId));
    expect(invoice.paymentIssue).toBe("action_required");
    await POST(delivery(stripeEvent("evt_tw", "customer.subscription.trial_will_end", subscriptionPayload(2))));
    expect(await outboxOf("billing.trialWillEnd")).toHaveLength(1);

    const stranger = { ...subscriptionPayload(9), customer: "cus_someone_else" };
    const response = await POST(delivery(stripeEvent("evt_s", "customer.subscription.updated", stranger)));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ applied: false, reason: "unknown_customer" });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
  });

  test("a signed checkout.session.completed grants the Checkout subscription's seats once; a forged one grants nothing", async () => {
    const account = await createBillingTestAccount({ db: t.db });
    accountId = account.accountId;
    // After "Confirm seat purchase" the customer exists but no subscription yet (the buyer is on Stripe Checkout).
    await t.db.insert(billingAccounts).values({ accountId, provider: "stripe", customerId: "cus_test_1" });
    stubSubscription({ quantity: 4 });
    const session = { id: "cs_test_1", object: "checkout.session", mode: "subscription", customer: "cus_test_1", subscription: "sub_test_1" };
    const forged = await POST(delivery(stripeEvent("evt_cs_forged", "checkout.session.completed", session), { signWith: "whsec_wrong" }));
    expect(forged.status).toBe(400);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(0);
    for (let i = 0; i < 2; i++) {
      const response = await POST(delivery(stripeEvent("evt_cs_1", "checkout.session.completed", session)));
      expect(response.status).toBe(200);
    }
    expect((await seatsOf(t.db, accountId)).purchased).toBe(4);
    expect(await outboxOf("seats.changed")).toHaveLength(1);
    const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    expect(billing).toMatchObject({ subscriptionId: "sub_test_1", status: "active", quantity: 4 });
  });
});
