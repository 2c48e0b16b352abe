import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { accountSeats, billingAccounts } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { signUp } from "@/lib/accounts/sign-up";
import { createBillingTestAccount } from "./billing.fixtures";
import { localProvider } from "./local-provider";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";
import { startTrial } from "./start-trial";
import { billingStanding } from "./subscription-state";

const t = useTestDatabase();
const DAY = 24 * 60 * 60 * 1000;
const provider = localProvider;

async function buy(actor: Parameters<typeof confirmSeatPurchase>[0]["actor"], seats: number, now: Date) {
  const preview = await previewSeatChange({ db: t.db, actor, input: { seats }, provider, now });
  if (!preview.ok) throw new Error(preview.error);
  return confirmSeatPurchase({ db: t.db, actor, input: { seats, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey }, provider, now });
}

// Decision 0048: the state comes from the trial / purchase / subscription facts only; included seats add capacity, never a state.
describe("billing state with included free seats", () => {
  test("a brand-new account (which gets its included seat at sign-up) has not started: Start Trial is still offered", async () => {
    const signed = await signUp({ db: t.db, input: { name: "Nia New", accountName: "Nia Co", email: `nia-${Date.now()}@example.com`, password: "nia-password-1" } });
    if (!signed.ok) throw new Error(signed.error);
    const [seats] = await t.db.select().from(accountSeats).where(eq(accountSeats.accountId, signed.value.accountId));
    expect(seats.included).toBe(1);
    expect(await billingStanding({ db: t.db, accountId: signed.value.accountId })).toEqual({ state: "not_started", pastDue: null, readOnly: null });
  });

  test("trial with included seats: 'trial' while it runs, lapsed and read-only after it — the included seat keeps nothing writable", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, included: 2 });
    const began = new Date(Date.now() - 20 * DAY);
    expect(await startTrial({ db: t.db, actor: owner, now: began, env: { TRIAL_DAYS: "14" } })).toMatchObject({ ok: true });
    expect(await billingStanding({ db: t.db, accountId, now: new Date(began.getTime() + DAY) })).toMatchObject({ state: "trial", readOnly: null });
    expect(await billingStanding({ db: t.db, accountId })).toMatchObject({ state: "lapsed", readOnly: "trial_ended" });
  });

  test("purchased seats make it active; past due turns read-only after the grace period even with included seats", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, included: 1 });
    await buy(owner, 2, new Date());
    expect(await billingStanding({ db: t.db, accountId })).toMatchObject({ state: "active", readOnly: null });
    const since = new Date(Date.now() - 10 * DAY);
    await t.db.update(billingAccounts).set({ status: "past_due", pastDueSince: since }).where(eq(billingAccounts.accountId, accountId));
    expect(await billingStanding({ db: t.db, accountId, env: { PAST_DUE_GRACE_DAYS: "7" } })).toMatchObject({ state: "past_due", readOnly: "payment_failed" });
  });
});
