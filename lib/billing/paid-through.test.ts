import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { billingAccounts, billingInvoices } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import { localProvider } from "./local-provider";
import { addPeriods, toUnix } from "./periods";
import { quantityChangeProration } from "./proration";
import { removeSeats } from "./remove-seats";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";

/** Decision 0028 with the local provider: removed seats stay paid until the period ends. */
const t = useTestDatabase();
const provider = localProvider;
const DAY = 24 * 60 * 60 * 1000;
type Actor = Parameters<typeof confirmSeatPurchase>[0]["actor"];

async function change(actor: Actor, seats: number, now: Date, cycle: "month" | "year" = "month") {
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

const invoicesOf = (accountId: string) =>
  t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId)).orderBy(billingInvoices.issuedAt);
const billingOf = async (accountId: string) => (await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)))[0];

describe("paid-through quantity (local provider)", () => {
  test("remove then re-add within the period charges $0 and invoices nothing", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const bought = new Date(Date.now() - 10 * DAY);
    await change(owner, 6, bought);
    const removed = await removeSeats({ db: t.db, actor: owner, input: { seats: 5 }, provider, now: new Date(bought.getTime() + DAY) });
    expect(removed).toEqual({ ok: true, value: { purchased: 5 } });
    expect(await billingOf(accountId)).toMatchObject({ quantity: 6, renewalQuantity: 5 });

    const { preview, confirmed } = await change(owner, 6, new Date(bought.getTime() + 2 * DAY));
    expect(preview).toMatchObject({ kind: "purchase", currentSeats: 5, seats: 6, chargedNow: 0 });
    expect(confirmed).toEqual({ ok: true, value: { status: "paid", chargedNow: 0, purchased: 6 } });
    expect(await billingOf(accountId)).toMatchObject({ quantity: 6, renewalQuantity: null });
    expect((await invoicesOf(accountId)).map((i) => i.billingReason)).toEqual(["subscription_create"]);
  });

  test("yearly 5 → 3 → 5 charges nothing again", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const bought = new Date(Date.now() - 100 * DAY);
    await change(owner, 5, bought, "year");
    await removeSeats({ db: t.db, actor: owner, input: { seats: 3 }, provider, now: new Date(bought.getTime() + 30 * DAY) });
    const { confirmed } = await change(owner, 5, new Date(bought.getTime() + 60 * DAY), "year");
    expect(confirmed).toMatchObject({ ok: true, value: { chargedNow: 0, purchased: 5 } });
    expect(await invoicesOf(accountId)).toHaveLength(1);
  });

  test("re-adding above the paid-through quantity charges only the seats above it", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const bought = new Date(Date.now() - 10 * DAY);
    await change(owner, 6, bought);
    await removeSeats({ db: t.db, actor: owner, input: { seats: 4 }, provider, now: new Date(bought.getTime() + DAY) });
    const at = new Date(bought.getTime() + 5 * DAY);
    const { preview, confirmed } = await change(owner, 8, at);
    const start = toUnix(bought);
    const expected = quantityChangeProration({
      unitAmount: 1500, fromQuantity: 6, toQuantity: 8, periodStart: start, periodEnd: addPeriods(start, "month", 1), at: toUnix(at),
    });
    // Two seats above the six paid through, not four above the four in use.
    expect(preview).toMatchObject({ currentSeats: 4, chargedNow: expected.total });
    expect(confirmed).toMatchObject({ ok: true, value: { chargedNow: expected.total, purchased: 8 } });
    const proration = (await invoicesOf(accountId)).find((i) => i.billingReason === "subscription_update")!;
    expect(proration.amountPaid).toBe(expected.total);
    // Stripe's lines: the credit for the old quantity and the charge for the new one, separately.
    expect(proration.lines).toEqual(expected.lines.map((l) => ({ description: l.description, quantity: l.quantity, amount: l.amount })));
    expect(await billingOf(accountId)).toMatchObject({ quantity: 8, renewalQuantity: null });
  });

  test("adding back part of the removed seats charges nothing and keeps the rest off the renewal", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const bought = new Date(Date.now() - 40 * DAY);
    await change(owner, 6, bought);
    await removeSeats({ db: t.db, actor: owner, input: { seats: 3 }, provider, now: new Date(bought.getTime() + DAY) });
    const { confirmed } = await change(owner, 4, new Date(bought.getTime() + 2 * DAY));
    expect(confirmed).toMatchObject({ ok: true, value: { chargedNow: 0, purchased: 4 } });
    expect(await billingOf(accountId)).toMatchObject({ quantity: 6, renewalQuantity: 4 });

    // The period ended: the renewal invoices the 4 seats in use, and they become the paid-through quantity.
    const { confirmed: after } = await change(owner, 5, new Date());
    expect(after.ok).toBe(true);
    const renewal = (await invoicesOf(accountId)).find((i) => i.billingReason === "subscription_cycle")!;
    expect(renewal).toMatchObject({ status: "paid", amountDue: 4 * 1500 });
    const update = (await invoicesOf(accountId)).filter((i) => i.billingReason === "subscription_update");
    expect(update).toHaveLength(1);
    expect(update[0].amountPaid).toBeGreaterThan(0);
    expect(await billingOf(accountId)).toMatchObject({ quantity: 5, renewalQuantity: null });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(5);
  });

  test("removing twice keeps the paid-through quantity; a re-add past the period end is charged again", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const bought = new Date(Date.now() - 40 * DAY);
    await change(owner, 5, bought);
    await removeSeats({ db: t.db, actor: owner, input: { seats: 4 }, provider, now: new Date(bought.getTime() + DAY) });
    await removeSeats({ db: t.db, actor: owner, input: { seats: 3 }, provider, now: new Date(bought.getTime() + 2 * DAY) });
    expect(await billingOf(accountId)).toMatchObject({ quantity: 5, renewalQuantity: 3 });
    // In the next period the paid-through quantity is the 3 renewed: going to 5 is prorated.
    const { preview } = await change(owner, 5, new Date());
    expect(preview.chargedNow).toBeGreaterThan(0);
  });
});
