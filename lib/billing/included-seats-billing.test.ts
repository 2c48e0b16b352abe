import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { billingAccounts, billingInvoices } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { seatSummary } from "@/lib/seats/capacity";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import { localProvider } from "./local-provider";
import { billingOverview } from "./overview";
import { seatPrice } from "./prices";
import { renewDueSubscriptions } from "./renewals";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
import { startTrial } from "./start-trial";

const t = useTestDatabase();
const provider = localProvider;
const DAY = 24 * 60 * 60 * 1000;
type Actor = Parameters<typeof confirmSeatPurchase>[0]["actor"];

async function buy(actor: Actor, seats: number, now: Date) {
  const preview = await previewSeatChange({ db: t.db, actor, input: { seats }, provider, now });
  if (!preview.ok) throw new Error(preview.error);
  const confirmed = await confirmSeatPurchase({
    db: t.db,
    actor,
    input: { seats, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey },
    provider,
    now,
  });
  return { preview: preview.value, confirmed };
}

const invoicesOf = (accountId: string) =>
  t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId)).orderBy(billingInvoices.issuedAt);

describe("included free seats are capacity, never charged", () => {
  test("capacity = included + trial seats while the trial runs; included + paid after a purchase (the purchase buys N paid seats)", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, included: 1 });
    const now = new Date();
    expect(await startTrial({ db: t.db, actor: owner, now, env: { TRIAL_SEATS: "3" } })).toMatchObject({ ok: true });
    expect(await seatSummary({ db: t.db, accountId, now })).toMatchObject({ capacity: 4, included: 1, trialSeats: 3, purchased: 0 });

    const { preview, confirmed } = await buy(owner, 2, now);
    const unit = seatPrice("month").unitAmount;
    // The first purchase bills the 2 seats bought, not the included one.
    expect(preview).toMatchObject({ currentSeats: 0, seats: 2, chargedNow: 2 * unit, newTotalPerPeriod: 2 * unit });
    expect(confirmed).toMatchObject({ ok: true, value: { status: "paid", chargedNow: 2 * unit, purchased: 2 } });
    expect(await seatSummary({ db: t.db, accountId, now })).toMatchObject({ capacity: 3, included: 1, purchased: 2 });
    const [first] = await invoicesOf(accountId);
    expect(first).toMatchObject({ amountPaid: 2 * unit, lines: [{ quantity: 2, amount: 2 * unit }] });
  });

  test("adding seats part-way prorates only the paid seats added; renewals bill only the paid seats", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, included: 3 });
    const bought = new Date(Date.now() - 40 * DAY);
    await buy(owner, 1, bought);
    const [billing] = await t.db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId));
    const start = billing.currentPeriodStart!.getTime();
    const end = billing.currentPeriodEnd!.getTime();
    const half = new Date(start + (end - start) / 2);
    const { preview, confirmed } = await buy(owner, 3, half);
    const unit = seatPrice("month").unitAmount;
    // price × 2 added seats × half the period, itemised on the paid quantities 1 → 3: the 3 included seats never enter it.
    expect(Math.abs(preview.chargedNow - unit)).toBeLessThanOrEqual(1);
    expect(preview.newTotalPerPeriod).toBe(3 * unit);
    expect(confirmed).toMatchObject({ ok: true, value: { chargedNow: preview.chargedNow, purchased: 3 } });
    const proration = (await invoicesOf(accountId)).find((i) => i.billingReason === "subscription_update");
    expect(proration?.lines?.map((l) => l.quantity)).toEqual([1, 3]);
    expect((await seatsOf(t.db, accountId)).included).toBe(3);

    await renewDueSubscriptions({ db: t.db, now: new Date() });
    const renewals = (await invoicesOf(accountId)).filter((i) => i.billingReason === "subscription_cycle");
    expect(renewals.length).toBeGreaterThan(0);
    for (const renewal of renewals) expect(renewal).toMatchObject({ amountPaid: 3 * unit, lines: [{ quantity: 3, amount: 3 * unit }] });
  });

  test("Manage Seats: the overview shows the included seats apart, and the slider may go down to the seats the included ones do not cover", async () => {
    const { owner, addUser } = await createBillingTestAccount({ db: t.db, included: 1 });
    await buy(owner, 3, new Date());
    await addUser({ level: "agent" });
    const overview = await billingOverview({ db: t.db, actor: owner, provider });
    // The owner became an Agent on the first purchase (decision 0049): 2 occupied, 1 of them on the included seat.
    expect(overview.seats).toMatchObject({ included: 1, purchased: 3, capacity: 4, occupied: 2 });
    expect(overview.minSeats).toBe(1);
    expect(overview.state).toBe("active");
  });
});
