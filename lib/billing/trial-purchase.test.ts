import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { billingInvoices } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { seatSummary } from "@/lib/seats/capacity";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import { localProvider, setLocalCardDeclines } from "./local-provider";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
import { startTrial } from "./start-trial";

const t = useTestDatabase();
const provider = localProvider;

describe("trial → purchase", () => {
  test("the first purchase's preview says the trial ends now; after buying the trial seats stop counting", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await startTrial({ db: t.db, actor: owner, env: { TRIAL_SEATS: "3" } });
    const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 2 }, provider });
    expect(preview).toMatchObject({ ok: true, value: { kind: "purchase", chargedNow: 3000, endsTrial: { trialSeats: 3 } } });
    if (!preview.ok) throw new Error(preview.error);
    await confirmSeatPurchase({ db: t.db, actor: owner, input: { seats: 2, prorationDate: null, idempotencyKey: preview.value.idempotencyKey }, provider });
    const summary = await seatSummary({ db: t.db, accountId });
    expect(summary).toMatchObject({ purchased: 2, capacity: 2, trialSeats: 0 });
    // Later changes are not trial purchases.
    const next = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 3 }, provider });
    expect(next).toMatchObject({ ok: true, value: { endsTrial: null } });
  });

  test("without a running trial nothing is said about one", async () => {
    const { owner } = await createBillingTestAccount({ db: t.db });
    expect(await previewSeatChange({ db: t.db, actor: owner, input: { seats: 2 }, provider })).toMatchObject({ ok: true, value: { endsTrial: null } });
  });
});

describe("retry after a decline", () => {
  test("the same key replays the decline; a new key (what the modal sends after a decline) charges once the card is fixed", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    await setLocalCardDeclines({ db: t.db, accountId, declines: true });
    const preview = await previewSeatChange({ db: t.db, actor: owner, input: { seats: 2 }, provider });
    if (!preview.ok) throw new Error(preview.error);
    const input = { seats: 2, prorationDate: null, idempotencyKey: preview.value.idempotencyKey };
    expect(await confirmSeatPurchase({ db: t.db, actor: owner, input, provider })).toMatchObject({ ok: false, error: expect.stringContaining("declined") });
    await setLocalCardDeclines({ db: t.db, accountId, declines: false });
    expect(await confirmSeatPurchase({ db: t.db, actor: owner, input, provider })).toMatchObject({ ok: false, error: expect.stringContaining("declined") });
    const retried = await confirmSeatPurchase({ db: t.db, actor: owner, input: { ...input, idempotencyKey: crypto.randomUUID() }, provider });
    expect(retried).toEqual({ ok: true, value: { status: "paid", chargedNow: 3000, purchased: 2 } });
    expect((await seatsOf(t.db, accountId)).purchased).toBe(2);
    const invoices = await t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId));
    expect(invoices.map((i) => i.status).sort()).toEqual(["paid", "void"]);
  });
});
