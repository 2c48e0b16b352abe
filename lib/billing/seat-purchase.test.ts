import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { billingAccounts, billingInvoices, contactSalesRequests, stripeEvents } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import { requestContactSales } from "./contact-sales";
import { localProvider, setLocalCardDeclines } from "./local-provider";
import { billingOverview } from "./overview";
import { addPeriods, toUnix } from "./periods";
import { quantityChangeProration } from "./proration";
import { removeSeats } from "./remove-seats";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
import { startTrial } from "./start-trial";
import { isInboxReadOnly } from "./subscription-state";

const t = useTestDatabase();
const provider = localProvider;
const DAY = 24 * 60 * 60 * 1000;

async function buy(actor: Parameters<typeof confirmSeatPurchase>[0]["actor"], seats: number, now = new Date(), cycle: "month" | "year" = "month") {
  const preview = await previewSeatChange({ db: t.db, actor, input: { seats, cycle }, provider, now });
  if (!preview.ok) throw new Error(preview.error);
  const confirmed = await confirmSeatPurchase({
    db: t.db,
    actor,
    input: { seats, cycle, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey },
    provider,
    now,
  });
  return { preview: preview.value, confirmed };
}

const invoicesOf = (accountId: string) => t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId));

describe("trial", () => {
  test("starts once, with the configured seats and length, and lets the inbox be used", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const now = new Date();
    expect(await isInboxReadOnly({ db: t.db, accountId, now })).toBe(false);
    const started = await startTrial({ db: t.db, actor: owner, now, env: { TRIAL_DAYS: "7", TRIAL_SEATS: "2" } });
    expect(started).toMatchObject({ ok: true, value: { trialSeats: 2 } });
    const seats = await seatsOf(t.db, accountId);
    expect(seats.trialSeats).toBe(2);
    expect(seats.trialEndsAt!.getTime()).toBe(now.getTime() + 7 * DAY);
    expect(await startTrial({ db: t.db, actor: owner, now })).toMatchObject({ ok: false, error: expect.stringContaining("already") });
    expect(await isInboxReadOnly({ db: t.db, accountId, now: new Date(now.getTime() + 6 * DAY) })).toBe(false);
  });

  test("an unpaid ended trial makes the inbox read-only until seats are bought", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const began = new Date(Date.now() - 20 * DAY);
    await startTrial({ db: t.db, actor: owner, now: began, env: {} });
    expect(await isInboxReadOnly({ db: t.db, accountId })).toBe(true);
    const { confirmed } = await buy(owner, 1);
    expect(confirmed.ok).toBe(true);
    expect(await isInboxReadOnly({ db: t.db, accountId })).toBe(false);
  });

  test("other admins cannot start the trial", async () => {
    const { addUser } = await createBillingTestAccount({ db: t.db });
    const admin = await addUser({ admin: true });
    await expect(startTrial({ db: t.db, actor: admin })).rejects.toThrow(ForbiddenError);
  });
});

describe("seat purchase with the local provider", () => {
  test("a first purchase charges the full period, settles the seats and ends the trial", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await startTrial({ db: t.db, actor: owner, env: {} });
    const { preview, confirmed } = await buy(owner, 4);
    expect(preview).toMatchObject({ kind: "purchase", currentSeats: 0, newTotalPerPeriod: 6000, chargedNow: 6000, prorationDate: null });
    expect(confirmed).toEqual({ ok: true, value: { status: "paid", chargedNow: 6000, purchased: 4 } });
    const seats = await seatsOf(t.db, accountId);
    expect(seats).toMatchObject({ purchased: 4, trialSeats: 0 });
    const invoices = await invoicesOf(accountId);
    expect(invoices.map((i) => [i.status, i.amountDue, i.amountPaid, i.billingReason])).toEqual([["paid", 6000, 6000, "subscription_create"]]);
    // Settled through the same event path as Stripe's webhooks: the events are on record.
    const applied = await t.db.select().from(stripeEvents).where(eq(stripeEvents.accountId, accountId));
    expect(applied.map((e) => e.type).sort()).toEqual(["customer.subscription.created", "invoice.paid"]);
  });

  test("a yearly purchase costs 12 × the monthly seat", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const { preview, confirmed } = await buy(owner, 2, new Date(), "year");
    expect(preview.newTotalPerPeriod).toBe(36_000);
    expect(confirmed).toMatchObject({ ok: true, value: { chargedNow: 36_000 } });
    const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    expect(billing.billingCycle).toBe("year");
    expect(toUnix(billing.currentPeriodEnd!)).toBe(addPeriods(toUnix(billing.currentPeriodStart!), "year", 1));
  });

  test("a mid-period purchase charges the prorated amount shown in the preview, to the second", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const start = new Date(Date.now() - 11 * DAY - 12_345_000);
    await buy(owner, 2, start);
    const now = new Date();
    const { preview, confirmed } = await buy(owner, 5, now);
    const period = { periodStart: toUnix(start), periodEnd: addPeriods(toUnix(start), "month", 1) };
    const expected = quantityChangeProration({ unitAmount: 1500, fromQuantity: 2, toQuantity: 5, ...period, at: toUnix(now) }).total;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(4500);
    expect(preview).toMatchObject({ kind: "purchase", currentSeats: 2, newTotalPerPeriod: 7500, chargedNow: expected, prorationDate: toUnix(now) });
    expect(confirmed).toEqual({ ok: true, value: { status: "paid", chargedNow: expected, purchased: 5 } });
    const proration = (await invoicesOf(accountId)).find((i) => i.billingReason === "subscription_update")!;
    expect(proration).toMatchObject({ status: "paid", amountDue: expected, amountPaid: expected });
  });

  test("a declined payment shows an error and changes no seats", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await buy(owner, 2);
    await setLocalCardDeclines({ db: t.db, accountId, declines: true });
    const { confirmed } = await buy(owner, 6);
    expect(confirmed).toMatchObject({ ok: false, error: expect.stringContaining("declined") });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
    const failed = (await invoicesOf(accountId)).find((i) => i.billingReason === "subscription_update")!;
    expect(failed).toMatchObject({ status: "void", paymentIssue: "failed", amountPaid: 0 });
    const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    expect(billing.quantity).toBe(2);
  });

  test("a declined first purchase creates no subscription", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await setLocalCardDeclines({ db: t.db, accountId, declines: true });
    const { confirmed } = await buy(owner, 3);
    expect(confirmed.ok).toBe(false);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(0);
    const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    expect(billing.subscriptionId).toBeNull();
  });

  test("repeating a confirmation replays it: one charge", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 3 }, provider });
    if (!preview.ok) throw new Error(preview.error);
    const input = { seats: 3, prorationDate: null, idempotencyKey: preview.value.idempotencyKey };
    const first = await confirmSeatPurchase({ db: t.db, actor: owner, input, provider });
    const again = await confirmSeatPurchase({ db: t.db, actor: owner, input, provider });
    expect(first).toMatchObject({ ok: true, value: { status: "paid", chargedNow: 4500 } });
    expect(again).toMatchObject({ ok: true, value: { purchased: 3 } });
    expect(await invoicesOf(accountId)).toHaveLength(1);
  });

  test("refuses a stale price and bad input, changing nothing", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await buy(owner, 2, new Date(Date.now() - 3 * DAY));
    const stale = await confirmSeatPurchase({
      db: t.db,
      actor: owner,
      input: { seats: 4, prorationDate: toUnix(new Date()) - 2 * 60 * 60, idempotencyKey: randomUUID() },
      provider,
    });
    expect(stale).toMatchObject({ ok: false, error: expect.stringContaining("no longer current") });
    for (const input of [{ seats: 21 }, { seats: 0 }, { seats: "many" }, { seats: 2.5 }, {}]) {
      const preview = await previewSeatChange({ db: t.db, actor: owner, input, provider });
      expect(preview).toMatchObject({ ok: false, fieldErrors: { seats: expect.any(String) } });
    }
    const noKey = await confirmSeatPurchase({ db: t.db, actor: owner, input: { seats: 4, prorationDate: null, idempotencyKey: "x" }, provider });
    expect(noKey).toMatchObject({ ok: false, fieldErrors: { idempotencyKey: expect.any(String) } });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
    expect(await invoicesOf(accountId)).toHaveLength(1);
  });

  test("a renewal is invoiced at the regular price once the period has ended", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await buy(owner, 2, new Date(Date.now() - 40 * DAY));
    const { confirmed } = await buy(owner, 3);
    expect(confirmed.ok).toBe(true);
    const renewal = (await invoicesOf(accountId)).find((i) => i.billingReason === "subscription_cycle")!;
    expect(renewal).toMatchObject({ status: "paid", amountDue: 3000 });
  });

  test("only the primary admin can buy; other admins see the overview read-only", async () => {
    const { owner, accountId, addUser } = await createBillingTestAccount({ db: t.db });
    const admin = await addUser({ admin: true, level: "agent" });
    const agent = await addUser({ level: "agent" });
    await expect(previewSeatChange({ db: t.db, actor: admin, input: { seats: 3 }, provider })).rejects.toThrow(ForbiddenError);
    await expect(
      confirmSeatPurchase({ db: t.db, actor: admin, input: { seats: 3, prorationDate: null, idempotencyKey: randomUUID() }, provider }),
    ).rejects.toThrow(ForbiddenError);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(0);
    const overview = await billingOverview({ db: t.db, actor: admin, provider });
    expect(overview).toMatchObject({ canManage: false, seats: { occupied: 2 } });
    expect((await billingOverview({ db: t.db, actor: owner, provider })).canManage).toBe(true);
    await expect(billingOverview({ db: t.db, actor: agent, provider })).rejects.toThrow(ForbiddenError);
  });

  test("a purchase cannot leave occupied seats uncovered", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, agents: 3, included: 1 });
    const refused = await buy(owner, 1).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe("3 seats are occupied. Change roles first.");
    const { confirmed } = await buy(owner, 2);
    expect(confirmed).toMatchObject({ ok: true, value: { purchased: 2 } });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
  });
});

describe("removing seats", () => {
  test("removes empty seats with no charge and no credit", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, agents: 2 });
    await buy(owner, 5);
    const removed = await removeSeats({ db: t.db, actor: owner, input: { seats: 3 }, provider });
    expect(removed).toEqual({ ok: true, value: { purchased: 3 } });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(3);
    expect(await invoicesOf(accountId)).toHaveLength(1);
  });

  test("is refused on the server below the occupied seats", async () => {
    // 3 agents + the owner, made an Agent by the first purchase (SPEC §3).
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, agents: 3 });
    await buy(owner, 6);
    const refused = await removeSeats({ db: t.db, actor: owner, input: { seats: 3 }, provider });
    expect(refused).toMatchObject({ ok: false, error: "4 seats are occupied. Change roles first." });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(6);
    expect(await removeSeats({ db: t.db, actor: owner, input: { seats: 4 }, provider })).toMatchObject({ ok: true });
  });

  test("only the primary admin can remove seats", async () => {
    const { owner, accountId, addUser } = await createBillingTestAccount({ db: t.db });
    await buy(owner, 5);
    const admin = await addUser({ admin: true });
    await expect(removeSeats({ db: t.db, actor: admin, input: { seats: 1 }, provider })).rejects.toThrow(ForbiddenError);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(5);
  });
});

describe("contact sales", () => {
  test("records a request above the self-serve maximum and refuses one within it", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const ok = await requestContactSales({ db: t.db, actor: owner, input: { seats: 40, contactEmail: "Buyer@Example.com", message: "Soon" } });
    expect(ok.ok).toBe(true);
    const refused = await requestContactSales({ db: t.db, actor: owner, input: { seats: 20, contactEmail: "buyer@example.com" } });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { seats: expect.any(String) } });
    const rows = await t.db.select().from(contactSalesRequests).where(eq(contactSalesRequests.accountId, accountId));
    expect(rows.map((r) => [r.seats, r.contactEmail])).toEqual([[40, "buyer@example.com"]]);
  });
});
