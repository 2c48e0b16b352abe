import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { billingAccounts } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import type { BillingProvider } from "./provider";
import { removeSeats } from "./remove-seats";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
import { settleEvent } from "./settlement";
import { createStripeProvider } from "./stripe-provider";
import { startStripeStub, type StripeStub } from "./stripe-stub.fixtures";

const t = useTestDatabase();
let stub: StripeStub;
let provider: BillingProvider;

beforeAll(async () => {
  stub = await startStripeStub();
  provider = createStripeProvider({ stripe: stub.stripe, prices: { month: "price_month", year: "price_year" } });
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  stub.state.subscription = null;
  stub.state.declines = false;
  stub.state.previewAmountDue = 0;
  stub.state.requiresAction = false;
  stub.state.schedule = null;
  stub.state.lastInvoice = null;
});

type Actor = Parameters<typeof previewSeatChange>[0]["actor"];

async function firstPurchase(owner: Actor, seats: number, cycle: "month" | "year" = "month") {
  const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats, cycle }, provider });
  if (!preview.ok) throw new Error(preview.error);
  const started = await confirmSeatPurchase({
    db: t.db,
    actor: owner,
    input: { seats, cycle, prorationDate: null, idempotencyKey: preview.value.idempotencyKey },
    provider,
    returnUrl: "http://app.test/settings/conversations/seats",
  });
  if (!started.ok || started.value.status !== "redirect") throw new Error(`Expected a Checkout redirect, got ${JSON.stringify(started)}`);
  // The buyer pays on Stripe Checkout; Stripe reports the session completed.
  stub.subscribe({ customer: stub.state.customerId, quantity: seats, interval: cycle });
  await settleEvent({ db: t.db, event: checkoutCompleted(), readSubscription: (id) => stub.stripe.subscriptions.retrieve(id) });
  return started;
}

let eventSerial = 0;
function checkoutCompleted() {
  const object = { object: "checkout.session", id: "cs_test_1", mode: "subscription", customer: stub.state.customerId, subscription: "sub_test_1" };
  return { id: `evt_checkout_${eventSerial++}`, type: "checkout.session.completed", created: Math.floor(Date.now() / 1000), data: { object } };
}

describe("Stripe provider through the stripe SDK", () => {
  test("a first purchase opens Stripe Checkout for the slider's quantity; nothing is granted before Stripe reports it", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    stub.state.previewAmountDue = 4500;
    const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 3, cycle: "month" }, provider });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.value).toMatchObject({ kind: "purchase", chargedNow: 4500, prorationDate: null });
    const started = await confirmSeatPurchase({
      db: t.db,
      actor: owner,
      input: { seats: 3, cycle: "month", prorationDate: null, idempotencyKey: preview.value.idempotencyKey },
      provider,
      returnUrl: "http://app.test/settings/conversations/seats",
    });
    expect(started).toEqual({ ok: true, value: { status: "redirect", url: "https://checkout.stripe.test/c/pay/cs_test_1" } });
    const [customer] = stub.posts("/v1/customers");
    expect(customer.form).toEqual({ "metadata[account_id]": accountId });
    expect(stub.posts("/v1/invoices/create_preview")[0].form).toEqual({
      customer: "cus_test_1",
      "subscription_details[items][0][price]": "price_month",
      "subscription_details[items][0][quantity]": "3",
    });
    const [session] = stub.posts("/v1/checkout/sessions");
    expect(session.form).toEqual({
      mode: "subscription",
      customer: "cus_test_1",
      client_reference_id: accountId,
      "line_items[0][price]": "price_month",
      "line_items[0][quantity]": "3",
      "subscription_data[metadata][account_id]": accountId,
      success_url: "http://app.test/settings/conversations/seats?checkout=success",
      cancel_url: "http://app.test/settings/conversations/seats?checkout=cancel",
    });
    expect(session.headers["idempotency-key"]).toBe(`seats-${accountId}-${preview.value.idempotencyKey}`);
    // No subscription is created by us, and no seats until Stripe's webhooks say it is paid.
    expect(stub.posts("/v1/subscriptions")).toHaveLength(0);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(0);
  });

  test("previews with a fixed proration date and confirms with the same date, invoicing at once", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await firstPurchase(owner, 2);
    stub.requests.length = 0;
    stub.state.previewAmountDue = 1234;
    const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 5 }, provider });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.value).toMatchObject({ kind: "purchase", currentSeats: 2, chargedNow: 1234, newTotalPerPeriod: 7500 });
    const prorationDate = preview.value.prorationDate!;
    expect(stub.posts("/v1/invoices/create_preview")[0].form).toEqual({
      customer: "cus_test_1",
      subscription: "sub_test_1",
      "subscription_details[items][0][id]": "si_test_1",
      "subscription_details[items][0][quantity]": "5",
      "subscription_details[proration_date]": String(prorationDate),
      "subscription_details[proration_behavior]": "always_invoice",
    });

    const confirmed = await confirmSeatPurchase({
      db: t.db,
      actor: owner,
      input: { seats: 5, prorationDate, idempotencyKey: preview.value.idempotencyKey },
      provider,
    });
    expect(confirmed).toEqual({ ok: true, value: { status: "paid", chargedNow: 1234, purchased: 5 } });
    const [update] = stub.posts("/v1/subscriptions/sub_test_1");
    expect(update.form).toEqual({
      "items[0][id]": "si_test_1",
      "items[0][quantity]": "5",
      proration_date: String(prorationDate),
      proration_behavior: "always_invoice",
      payment_behavior: "pending_if_incomplete",
      "expand[0]": "latest_invoice.payments",
    });
    expect(update.headers["idempotency-key"]).toBe(`seats-${accountId}-${preview.value.idempotencyKey}`);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(5);
  });

  test("a declined payment leaves the quantity pending and adds no seats", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await firstPurchase(owner, 2);
    stub.state.declines = true;
    stub.state.previewAmountDue = 900;
    const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 4 }, provider });
    if (!preview.ok) throw new Error(preview.error);
    const confirmed = await confirmSeatPurchase({
      db: t.db,
      actor: owner,
      input: { seats: 4, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey },
      provider,
    });
    expect(confirmed).toMatchObject({ ok: false, error: expect.stringContaining("No seats were added") });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
    const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    expect(billing).toMatchObject({ quantity: 2, pendingQuantity: 4 });
  });

  test("two confirmations at once send one quantity change", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await firstPurchase(owner, 2);
    stub.requests.length = 0;
    stub.state.previewAmountDue = 700;
    const previews = await Promise.all([1, 2].map(() => previewSeatChange({ db: t.db, actor: owner, input: { seats: 3 }, provider })));
    const results = await Promise.all(
      previews.map((p) => {
        if (!p.ok) throw new Error(p.error);
        return confirmSeatPurchase({
          db: t.db,
          actor: owner,
          input: { seats: 3, prorationDate: p.value.prorationDate, idempotencyKey: p.value.idempotencyKey },
          provider,
        });
      }),
    );
    expect(results.map((r) => r.ok && r.value.status).sort()).toEqual(["paid", "unchanged"]);
    expect(stub.posts("/v1/subscriptions/sub_test_1")).toHaveLength(1);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(3);
  });

  test("the payment method is managed in Stripe's customer portal", async () => {
    const { accountId } = await createBillingTestAccount({ db: t.db });
    expect(await provider.paymentMethod({ db: t.db, accountId })).toEqual({ kind: "portal" });
    const url = await provider.portalUrl({ db: t.db, accountId, returnUrl: "http://app.test/settings" });
    expect(url).toBe("https://billing.stripe.test/p/session_1");
    expect(stub.posts("/v1/billing_portal/sessions")[0].form).toEqual({ customer: "cus_test_1", return_url: "http://app.test/settings" });
  });
});
