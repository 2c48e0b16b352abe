import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { billingAccounts } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import type { BillingProvider } from "./provider";
import { removeSeats } from "./remove-seats";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
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
});

type Actor = Parameters<typeof previewSeatChange>[0]["actor"];

async function firstPurchase(owner: Actor, seats: number, cycle: "month" | "year" = "month") {
  const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats, cycle }, provider });
  if (!preview.ok) throw new Error(preview.error);
  return confirmSeatPurchase({
    db: t.db,
    actor: owner,
    input: { seats, cycle, prorationDate: null, idempotencyKey: preview.value.idempotencyKey },
    provider,
  });
}

describe("Stripe provider through the stripe SDK", () => {
  test("a first purchase creates the customer and a subscription that must be paid at once", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    stub.state.previewAmountDue = 4500;
    const result = await firstPurchase(owner, 3);
    expect(result).toEqual({ ok: true, value: { status: "paid", chargedNow: 4500, purchased: 3 } });
    const [customer] = stub.posts("/v1/customers");
    expect(customer.form).toEqual({ "metadata[account_id]": accountId });
    const [preview] = stub.posts("/v1/invoices/create_preview");
    expect(preview.form).toEqual({
      customer: "cus_test_1",
      "subscription_details[items][0][price]": "price_month",
      "subscription_details[items][0][quantity]": "3",
    });
    const [create] = stub.posts("/v1/subscriptions");
    expect(create.form).toMatchObject({
      customer: "cus_test_1",
      "items[0][price]": "price_month",
      "items[0][quantity]": "3",
      payment_behavior: "error_if_incomplete",
    });
    expect(create.headers["idempotency-key"]).toMatch(new RegExp(`^seats-${accountId}-[0-9a-f-]{36}$`));
    expect((await seatsOf(t.db, accountId)).purchased).toBe(3);
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
      "expand[0]": "latest_invoice",
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

  test("a declined first purchase creates nothing", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    stub.state.declines = true;
    const result = await firstPurchase(owner, 3);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("No seats were added") });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(0);
  });

  test("removal lowers the quantity with no proration (no charge, no credit)", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, agents: 1 });
    await firstPurchase(owner, 4);
    stub.requests.length = 0;
    const removed = await removeSeats({ db: t.db, actor: owner, input: { seats: 2 }, provider });
    expect(removed).toEqual({ ok: true, value: { purchased: 2 } });
    const [update] = stub.posts("/v1/subscriptions/sub_test_1");
    expect(update.form).toEqual({ "items[0][id]": "si_test_1", "items[0][quantity]": "2", proration_behavior: "none" });
    expect(update.headers["idempotency-key"]).toMatch(new RegExp(`^remove-${accountId}-`));
    expect(stub.posts("/v1/invoices/create_preview")).toHaveLength(0);
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
