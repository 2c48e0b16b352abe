import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { billingAccounts, billingInvoices, users } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { requireWritableInbox } from "@/lib/inbox/writable-inbox";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import { localProvider, setLocalCardDeclines } from "./local-provider";
import { payPastDueInvoice } from "./pay-past-due";
import { removeSeats } from "./remove-seats";
import { renewDueSubscriptions, renewIfDue } from "./renewals";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
import { settleEvent } from "./settlement";
import { billingStanding, pastDueGraceDays } from "./subscription-state";
import { advanceBillingClock } from "./test-clock";

const t = useTestDatabase();
const provider = localProvider;
const DAY = 24 * 60 * 60 * 1000;
type Actor = Parameters<typeof confirmSeatPurchase>[0]["actor"];

async function buy(actor: Actor, seats: number, now: Date) {
  const preview = await previewSeatChange({ db: t.db, actor, input: { seats }, provider, now });
  if (!preview.ok) throw new Error(preview.error);
  return confirmSeatPurchase({
    db: t.db,
    actor,
    input: { seats, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey },
    provider,
    now,
  });
}

const invoicesOf = (accountId: string) =>
  t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId)).orderBy(billingInvoices.issuedAt);
const billingOf = async (accountId: string) => (await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)))[0];

describe("renewals of the local provider", () => {
  test("renewDueSubscriptions renews only due subscriptions, once, for the seats in use", async () => {
    const due = await createBillingTestAccount({ db: t.db });
    const notDue = await createBillingTestAccount({ db: t.db });
    const bought = new Date(Date.now() - 35 * DAY);
    await buy(due.owner, 4, bought);
    await removeSeats({ db: t.db, actor: due.owner, input: { seats: 3 }, provider, now: new Date(bought.getTime() + DAY) });
    await buy(notDue.owner, 2, new Date());
    const now = new Date();
    const [first, second] = await Promise.all([renewDueSubscriptions({ db: t.db, now }), renewDueSubscriptions({ db: t.db, now })]);
    expect(first.renewed + second.renewed).toBeGreaterThanOrEqual(1);
    const renewals = (await invoicesOf(due.accountId)).filter((i) => i.billingReason === "subscription_cycle");
    expect(renewals.map((i) => [i.status, i.amountPaid])).toEqual([["paid", 3 * 1500]]);
    expect(await billingOf(due.accountId)).toMatchObject({ status: "active", quantity: 3, renewalQuantity: null });
    expect((await billingOf(due.accountId)).currentPeriodEnd!.getTime()).toBeGreaterThan(now.getTime());
    expect((await invoicesOf(notDue.accountId)).map((i) => i.billingReason)).toEqual(["subscription_create"]);
    // Nothing left to renew.
    expect(await renewDueSubscriptions({ db: t.db, now })).toEqual({ due: 0, renewed: 0 });
  });

  test("renewIfDue (the request fallback) renews a due account and does nothing otherwise", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    expect(await renewIfDue({ db: t.db, accountId })).toBe(false);
    await buy(owner, 2, new Date(Date.now() - 31 * DAY));
    expect(await renewIfDue({ db: t.db, accountId })).toBe(true);
    expect(await renewIfDue({ db: t.db, accountId })).toBe(false);
    expect((await invoicesOf(accountId)).filter((i) => i.billingReason === "subscription_cycle")).toHaveLength(1);
  });
});

describe("dunning: a declined renewal", () => {
  test("past due → banner state, writable during the grace period, read-only after it; fixing the card and paying restores it", async () => {
    const { owner, accountId, addUser } = await createBillingTestAccount({ db: t.db });
    const agent = await addUser({ level: "agent" });
    const bought = new Date(Date.now() - 31 * DAY);
    await buy(owner, 2, bought);
    await setLocalCardDeclines({ db: t.db, accountId, declines: true });
    const renewedAt = new Date();
    await renewDueSubscriptions({ db: t.db, now: renewedAt });

    const billing = await billingOf(accountId);
    expect(billing.status).toBe("past_due");
    const [renewal] = (await invoicesOf(accountId)).filter((i) => i.billingReason === "subscription_cycle");
    expect(renewal).toMatchObject({ status: "open", paymentIssue: "failed", amountPaid: 0 });
    // The failed charge happened at the period end; the grace period counts from it.
    expect(billing.pastDueSince!.getTime()).toBe(billing.currentPeriodStart!.getTime());
    const graceEnd = billing.pastDueSince!.getTime() + pastDueGraceDays({}) * DAY;

    const during = new Date(graceEnd - 60_000);
    expect(await billingStanding({ db: t.db, accountId, now: during })).toMatchObject({ state: "past_due", readOnly: null });
    expect(await requireWritableInbox({ tx: t.db, accountId, now: during })).toBeNull();
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);

    const after = new Date(graceEnd + 60_000);
    expect(await billingStanding({ db: t.db, accountId, now: after })).toMatchObject({ state: "past_due", readOnly: "payment_failed" });
    expect(await requireWritableInbox({ tx: t.db, accountId, now: after })).toMatchObject({
      ok: false,
      code: "inbox_read_only",
      error: expect.stringContaining("Payment failed"),
    });
    // Agents stay agents.
    const [stillAgent] = await t.db.select().from(users).where(eq(users.id, agent.userId));
    expect(stillAgent.accessLevel).toBe("agent");
    // No more renewals pile up while past due.
    await renewDueSubscriptions({ db: t.db, now: new Date(Date.now() + 40 * DAY) });
    expect((await invoicesOf(accountId)).filter((i) => i.billingReason === "subscription_cycle")).toHaveLength(1);

    // Paying with the card still declining changes nothing.
    const again = await payPastDueInvoice({ db: t.db, actor: owner, input: {}, provider, now: after });
    expect(again).toMatchObject({ ok: false, error: expect.stringContaining("declined") });
    expect((await billingOf(accountId)).status).toBe("past_due");

    await setLocalCardDeclines({ db: t.db, accountId, declines: false });
    const paid = await payPastDueInvoice({ db: t.db, actor: owner, input: {}, provider, now: after });
    expect(paid).toEqual({ ok: true, value: { status: "paid" } });
    expect(await billingOf(accountId)).toMatchObject({ status: "active", pastDueSince: null });
    expect((await invoicesOf(accountId)).find((i) => i.id === renewal.id)).toMatchObject({ status: "paid", amountPaid: 3000, paymentIssue: null });
    expect(await requireWritableInbox({ tx: t.db, accountId, now: after })).toBeNull();
  });

  test("only the primary admin can pay; an account that is not past due has nothing to pay", async () => {
    const { owner, addUser } = await createBillingTestAccount({ db: t.db });
    const admin = await addUser({ admin: true });
    await expect(payPastDueInvoice({ db: t.db, actor: admin, input: {}, provider })).rejects.toThrow(ForbiddenError);
    await buy(owner, 1, new Date());
    expect(await payPastDueInvoice({ db: t.db, actor: owner, input: {}, provider })).toEqual({ ok: true, value: { status: "unchanged" } });
    expect(await payPastDueInvoice({ db: t.db, actor: owner, input: { idempotencyKey: "nope" }, provider })).toMatchObject({ ok: false });
  });

  test("PAST_DUE_GRACE_DAYS: default 7, a whole number, refused otherwise", () => {
    expect(pastDueGraceDays({})).toBe(7);
    expect(pastDueGraceDays({ PAST_DUE_GRACE_DAYS: "3" })).toBe(3);
    expect(() => pastDueGraceDays({ PAST_DUE_GRACE_DAYS: "soon" })).toThrow(/PAST_DUE_GRACE_DAYS/);
    expect(() => pastDueGraceDays({ PAST_DUE_GRACE_DAYS: "-1" })).toThrow(/PAST_DUE_GRACE_DAYS/);
  });
});

describe("an ended subscription", () => {
  test("leaves the agents in place, the inbox read-only with the banner state; buying again restores it", async () => {
    const { owner, accountId, addUser } = await createBillingTestAccount({ db: t.db });
    const agent = await addUser({ level: "agent" });
    await buy(owner, 2, new Date());
    const billing = await billingOf(accountId);
    // As Stripe reports a cancelled subscription: customer.subscription.deleted, status canceled.
    const canceled = {
      id: billing.subscriptionId!,
      object: "subscription",
      customer: billing.customerId,
      status: "canceled",
      items: { data: [{ quantity: 2, current_period_start: 0, current_period_end: 1, price: { recurring: { interval: "month" } } }] },
      pending_update: null,
    };
    await settleEvent({
      db: t.db,
      event: { id: "evt_deleted_1", type: "customer.subscription.deleted", created: Math.floor(Date.now() / 1000), data: { object: canceled } },
      readSubscription: async () => canceled,
    });
    expect(await billingStanding({ db: t.db, accountId })).toMatchObject({ state: "lapsed", readOnly: "subscription_ended" });
    expect(await requireWritableInbox({ tx: t.db, accountId })).toMatchObject({ ok: false, error: expect.stringContaining("subscription has ended") });
    const [stillAgent] = await t.db.select().from(users).where(eq(users.id, agent.userId));
    expect(stillAgent.accessLevel).toBe("agent");

    const again = await buy(owner, 2, new Date());
    expect(again).toMatchObject({ ok: true, value: { status: "paid", purchased: 2 } });
    expect(await requireWritableInbox({ tx: t.db, accountId })).toBeNull();
  });
});

describe("the e2e billing clock (advanceBillingClock)", () => {
  test("end_period renews a whole period from now; end_grace moves a past-due account past its grace", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await buy(owner, 2, new Date());
    await setLocalCardDeclines({ db: t.db, accountId, declines: true });
    const now = new Date();
    await advanceBillingClock({ db: t.db, accountId, action: "end_period", now });
    const billing = await billingOf(accountId);
    expect(billing.status).toBe("past_due");
    expect(billing.currentPeriodStart!.getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000 - 1000);
    const [renewal] = (await invoicesOf(accountId)).filter((i) => i.billingReason === "subscription_cycle");
    expect(renewal.periodStart!.getTime()).toBe(billing.currentPeriodStart!.getTime());
    expect(await billingStanding({ db: t.db, accountId, now })).toMatchObject({ readOnly: null });
    await advanceBillingClock({ db: t.db, accountId, action: "end_grace", now });
    expect(await billingStanding({ db: t.db, accountId, now })).toMatchObject({ readOnly: "payment_failed" });
  });
});
