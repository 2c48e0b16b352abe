import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { billingAccounts, billingInvoices, events } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import type { BillingProvider } from "./provider";
import { payPastDueInvoice } from "./pay-past-due";
import { removeSeats } from "./remove-seats";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
import { settleEvent, type EventSnapshot } from "./settlement";
import { createStripeProvider } from "./stripe-provider";
import { startStripeStub, type StripeStub } from "./stripe-stub.fixtures";

/** Decision 0028 on Stripe (subscription schedules), Checkout webhooks and 3-D Secure, against the recording stub. */
const t = useTestDatabase();
let stub: StripeStub;
let provider: BillingProvider;
type Actor = Parameters<typeof previewSeatChange>[0]["actor"];

beforeAll(async () => {
  stub = await startStripeStub();
  provider = createStripeProvider({ stripe: stub.stripe, prices: { month: "price_month", year: "price_year" } });
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  Object.assign(stub.state, { subscription: null, declines: false, requiresAction: false, previewAmountDue: 0, schedule: null, lastInvoice: null });
});

const read = (id: string) => stub.stripe.subscriptions.retrieve(id);
let serial = 0;
const event = (type: string, object: unknown): EventSnapshot => ({ id: `evt_${serial++}`, type, created: Math.floor(Date.now() / 1000), data: { object } });
const checkoutCompleted = () =>
  event("checkout.session.completed", { object: "checkout.session", id: "cs_test_1", mode: "subscription", customer: "cus_test_1", subscription: "sub_test_1" });
const subscriptionUpdated = () => event("customer.subscription.updated", stub.subscriptionJson());
const invoicePaid = (invoice: Record<string, unknown>, reason = "subscription_create") => {
  const now = Math.floor(Date.now() / 1000);
  return event("invoice.paid", {
    ...invoice,
    customer: "cus_test_1",
    number: null,
    billing_reason: reason,
    description: null,
    created: now,
    period_start: now,
    period_end: now,
    parent: { subscription_details: { subscription: "sub_test_1" } },
  });
};

async function subscribed(seats: number, agents = 0) {
  const account = await createBillingTestAccount({ db: t.db, agents });
  const preview = await previewSeatChange({ db: t.db, actor: account.owner, input: { seats }, provider });
  if (!preview.ok) throw new Error(preview.error);
  await confirmSeatPurchase({
    db: t.db,
    actor: account.owner,
    input: { seats, prorationDate: null, idempotencyKey: preview.value.idempotencyKey },
    provider,
    returnUrl: "http://app.test/seats",
  });
  const invoice = stub.subscribe({ customer: "cus_test_1", quantity: seats });
  await settleEvent({ db: t.db, event: invoicePaid(invoice), readSubscription: read });
  stub.requests.length = 0;
  return account;
}

async function change(owner: Actor, seats: number) {
  const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats }, provider });
  if (!preview.ok) throw new Error(preview.error);
  const confirmed = await confirmSeatPurchase({
    db: t.db,
    actor: owner,
    input: { seats, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey },
    provider,
  });
  return { preview: preview.value, confirmed };
}

const billingOf = async (accountId: string) => (await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)))[0];

describe("paid-through quantity on Stripe (subscription schedule)", () => {
  test("a removal keeps the paid-through quantity until the period end through a schedule; the seats go at once", async () => {
    const { owner, accountId } = await subscribed(6);
    const sub = stub.state.subscription!;
    const removed = await removeSeats({ db: t.db, actor: owner, input: { seats: 5 }, provider });
    expect(removed).toEqual({ ok: true, value: { purchased: 5 } });
    const [create] = stub.posts("/v1/subscription_schedules");
    expect(create.form).toEqual({ from_subscription: "sub_test_1" });
    expect(create.headers["idempotency-key"]).toMatch(new RegExp(`^remove-${accountId}-.+-schedule$`));
    const [update] = stub.posts("/v1/subscription_schedules/sub_sched_1");
    expect(update.form).toEqual({
      end_behavior: "release",
      proration_behavior: "none",
      "phases[0][items][0][price]": "price_month",
      "phases[0][items][0][quantity]": "6",
      "phases[0][start_date]": String(sub.periodStart),
      "phases[0][end_date]": String(sub.periodEnd),
      "phases[1][items][0][price]": "price_month",
      "phases[1][items][0][quantity]": "5",
      "phases[1][duration][interval]": "month",
      "phases[1][duration][interval_count]": "1",
    });
    // The subscription itself is not changed: no proration, no credit, no invoice.
    expect(stub.posts("/v1/subscriptions/sub_test_1")).toHaveLength(0);
    expect(stub.state.subscription!.quantity).toBe(6);
    expect(await billingOf(accountId)).toMatchObject({ quantity: 6, renewalQuantity: 5 });
  });

  test("remove then re-add within the period charges $0: the schedule is released, nothing is invoiced", async () => {
    const { owner, accountId } = await subscribed(6);
    await removeSeats({ db: t.db, actor: owner, input: { seats: 5 }, provider });
    stub.requests.length = 0;
    stub.state.previewAmountDue = 1500;
    const { preview, confirmed } = await change(owner, 6);
    expect(preview).toMatchObject({ kind: "purchase", currentSeats: 5, chargedNow: 0 });
    expect(confirmed).toEqual({ ok: true, value: { status: "paid", chargedNow: 0, purchased: 6 } });
    expect(stub.posts("/v1/invoices/create_preview")).toHaveLength(0);
    expect(stub.posts("/v1/subscriptions/sub_test_1")).toHaveLength(0);
    expect(stub.posts("/v1/subscription_schedules/sub_sched_1/release")).toHaveLength(1);
    expect(stub.state.schedule).toBeNull();
    expect(await billingOf(accountId)).toMatchObject({ quantity: 6, renewalQuantity: null });
  });

  test("a partial re-add moves the schedule's next phase; the renewal invoices the seats in use", async () => {
    const { owner, accountId } = await subscribed(6);
    await removeSeats({ db: t.db, actor: owner, input: { seats: 3 }, provider });
    stub.requests.length = 0;
    const { confirmed } = await change(owner, 4);
    expect(confirmed).toMatchObject({ ok: true, value: { chargedNow: 0, purchased: 4 } });
    const [update] = stub.posts("/v1/subscription_schedules/sub_sched_1");
    expect(update.form).toMatchObject({ "phases[0][items][0][quantity]": "6", "phases[1][items][0][quantity]": "4" });
    expect(stub.posts("/v1/subscription_schedules")).toHaveLength(0);

    // Period end: Stripe applies the next phase and invoices 4 seats.
    const renewal = stub.renew();
    await settleEvent({ db: t.db, event: subscriptionUpdated(), readSubscription: read });
    await settleEvent({ db: t.db, event: invoicePaid(renewal, "subscription_cycle"), readSubscription: read });
    expect(renewal).toMatchObject({ amount_paid: 4 * 1500 });
    expect(await billingOf(accountId)).toMatchObject({ quantity: 4, renewalQuantity: null });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(4);
  });

  test("above the paid-through quantity only the extra seats are prorated (Stripe's quantity is the paid-through one)", async () => {
    const { owner, accountId } = await subscribed(6);
    await removeSeats({ db: t.db, actor: owner, input: { seats: 4 }, provider });
    stub.requests.length = 0;
    stub.state.previewAmountDue = 1000;
    const { preview, confirmed } = await change(owner, 8);
    expect(preview).toMatchObject({ currentSeats: 4, chargedNow: 1000 });
    expect(stub.posts("/v1/invoices/create_preview")[0].form).toMatchObject({ "subscription_details[items][0][quantity]": "8" });
    expect(confirmed).toMatchObject({ ok: true, value: { status: "paid", chargedNow: 1000, purchased: 8 } });
    const paths = stub.requests.filter((r) => r.method === "POST").map((r) => r.path);
    // Release the lower renewal first, then raise the quantity 6 → 8 with an immediate proration invoice.
    expect(paths.indexOf("/v1/subscription_schedules/sub_sched_1/release")).toBeLessThan(paths.indexOf("/v1/subscriptions/sub_test_1"));
    expect(stub.posts("/v1/subscriptions/sub_test_1")[0].form).toMatchObject({ "items[0][quantity]": "8", proration_behavior: "always_invoice" });
    expect(await billingOf(accountId)).toMatchObject({ quantity: 8, renewalQuantity: null });
  });

  test("3-D Secure on an increase: 'Confirm your payment' with the hosted invoice; nothing granted until invoice.paid", async () => {
    const { owner, accountId } = await subscribed(2);
    stub.state.requiresAction = true;
    stub.state.previewAmountDue = 700;
    const { confirmed } = await change(owner, 3);
    expect(confirmed).toMatchObject({
      ok: true,
      value: { status: "action_required", url: expect.stringMatching(/^https:\/\/invoice\.stripe\.test\/i\//), purchased: 2 },
    });
    expect(stub.requests.some((r) => r.method === "GET" && r.path === "/v1/payment_intents/pi_test_1")).toBe(true);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
    expect(await billingOf(accountId)).toMatchObject({ quantity: 2, pendingQuantity: 3 });
    // A replayed subscription event changes nothing while the invoice is open.
    await settleEvent({ db: t.db, event: subscriptionUpdated(), readSubscription: read });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);

    // The customer authenticates on the hosted page: Stripe applies the pending update and reports invoice.paid.
    const s = stub.state.subscription!;
    s.quantity = 3;
    s.pendingQuantity = null;
    const paid = { ...stub.state.lastInvoice!, status: "paid", amount_paid: 700 };
    await settleEvent({ db: t.db, event: invoicePaid(paid, "subscription_update"), readSubscription: read });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(3);
  });

  test("a declined increase after a removal keeps the lower renewal scheduled", async () => {
    const { owner, accountId } = await subscribed(6);
    await removeSeats({ db: t.db, actor: owner, input: { seats: 4 }, provider });
    stub.state.declines = true;
    const { confirmed } = await change(owner, 8);
    expect(confirmed).toMatchObject({ ok: false, error: expect.stringContaining("No seats were added") });
    expect(await billingOf(accountId)).toMatchObject({ quantity: 6, renewalQuantity: 4, pendingQuantity: 8 });
    expect(stub.state.schedule?.phases.map((p) => p.quantity)).toEqual([6, 4]);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(4);
  });
});

describe("Checkout → webhooks grant the seats once, whatever the order and duplication", () => {
  const orders = [
    ["checkout", "updated", "paid"],
    ["checkout", "paid", "updated"],
    ["updated", "checkout", "paid"],
    ["updated", "paid", "checkout"],
    ["paid", "checkout", "updated"],
    ["paid", "updated", "checkout"],
  ] as const;

  test.each(orders)("%s, %s, %s — each delivered twice", async (...order) => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 3 }, provider });
    if (!preview.ok) throw new Error(preview.error);
    await confirmSeatPurchase({
      db: t.db,
      actor: owner,
      input: { seats: 3, prorationDate: null, idempotencyKey: preview.value.idempotencyKey },
      provider,
      returnUrl: "http://app.test/seats",
    });
    const invoice = stub.subscribe({ customer: "cus_test_1", quantity: 3 });
    const made = { checkout: checkoutCompleted(), updated: subscriptionUpdated(), paid: invoicePaid(invoice) };
    const deliveries = [...order, ...order].map((name) => made[name]);
    const results = [];
    for (const e of deliveries) results.push(await settleEvent({ db: t.db, event: e, readSubscription: read }));
    expect(results.filter((r) => r.applied)).toHaveLength(3);
    expect(results.filter((r) => r.reason === "duplicate")).toHaveLength(3);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(3);
    const granted = (await t.db.select().from(events).where(eq(events.accountId, accountId))).filter((e) => e.type === "seats.changed");
    expect(granted).toHaveLength(1);
    const invoices = await t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId));
    expect(invoices.map((i) => [i.status, i.amountPaid])).toEqual([["paid", 4500]]);
  });

  test("a Checkout session that is still unpaid grants nothing", async () => {
    const { accountId } = await createBillingTestAccount({ db: t.db });
    await provider.preview({ db: t.db, accountId, seats: 2, cycle: "month", now: new Date() });
    stub.subscribe({ customer: "cus_test_1", quantity: 2 });
    stub.state.subscription!.status = "incomplete";
    await settleEvent({ db: t.db, event: checkoutCompleted(), readSubscription: read });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(0);
  });
});

describe("dunning on Stripe", () => {
  test("invoice.payment_failed → past due from the event's time; Pay now retries the invoice with invoices.pay", async () => {
    const { owner, accountId } = await subscribed(2);
    const failedAt = Math.floor(Date.now() / 1000) - 3600;
    const renewal = stub.renew();
    stub.state.subscription!.status = "past_due";
    const open = { ...renewal, status: "open", amount_paid: 0 };
    await settleEvent({
      db: t.db,
      event: { ...invoicePaid(open, "subscription_cycle"), id: "evt_failed_1", type: "invoice.payment_failed", created: failedAt },
      readSubscription: read,
    });
    expect(await billingOf(accountId)).toMatchObject({ status: "past_due" });
    expect((await billingOf(accountId)).pastDueSince!.getTime()).toBe(failedAt * 1000);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);

    stub.state.declines = true;
    const declined = await payPastDueInvoice({ db: t.db, actor: owner, input: {}, provider });
    expect(declined).toMatchObject({ ok: false, error: expect.stringContaining("Manage payment method") });

    stub.state.declines = false;
    stub.requests.length = 0;
    const paid = await payPastDueInvoice({ db: t.db, actor: owner, input: {}, provider });
    expect(paid).toEqual({ ok: true, value: { status: "paid" } });
    const [pay] = stub.posts(`/v1/invoices/${String(renewal.id)}/pay`);
    expect(pay.form).toEqual({});
    expect(pay.headers["idempotency-key"]).toMatch(new RegExp(`^pay-${accountId}-`));
    expect(await billingOf(accountId)).toMatchObject({ status: "active", pastDueSince: null });
  });
});
