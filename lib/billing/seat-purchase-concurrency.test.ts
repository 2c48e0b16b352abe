import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { billingInvoices } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createBillingTestAccount, seatsOf } from "./billing.fixtures";
import { localProvider } from "./local-provider";
import { removeSeats } from "./remove-seats";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";

// Real parallel transactions on PostgreSQL (PGlite runs them one at a time; the rules hold either way).
const t = useTestDatabase({ poolSize: 12 });
const provider = localProvider;

async function previewFor(actor: Parameters<typeof previewSeatChange>[0]["actor"], seats: number) {
  const preview = await previewSeatChange({ db: t.db, actor, input: { seats }, provider });
  if (!preview.ok) throw new Error(preview.error);
  return preview.value;
}

const paidInvoices = async (accountId: string) =>
  (await t.db.select().from(billingInvoices).where(eq(billingInvoices.accountId, accountId))).filter((i) => i.status === "paid");

describe("concurrent seat changes", () => {
  test("many confirmations of the same purchase at once charge once and add the seats once", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const first = await previewFor(owner, 3);
    await confirmSeatPurchase({ db: t.db, actor: owner, input: { seats: 3, prorationDate: null, idempotencyKey: first.idempotencyKey }, provider });
    const previews = await Promise.all(Array.from({ length: 8 }, () => previewFor(owner, 6)));
    const results = await Promise.all(
      previews.map((p) =>
        confirmSeatPurchase({ db: t.db, actor: owner, input: { seats: 6, prorationDate: p.prorationDate, idempotencyKey: p.idempotencyKey }, provider }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.value.status === "paid")).toHaveLength(1);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(6);
    const invoices = await paidInvoices(accountId);
    expect(invoices.filter((i) => i.billingReason === "subscription_update")).toHaveLength(1);
  });

  test("a double-submitted confirmation (same key) is charged once", async () => {
    const { owner, accountId } = await createBillingTestAccount({ db: t.db });
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        confirmSeatPurchase({ db: t.db, actor: owner, input: { seats: 4, prorationDate: null, idempotencyKey: key }, provider }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await seatsOf(t.db, accountId)).purchased).toBe(4);
    expect(await paidInvoices(accountId)).toHaveLength(1);
  });

  test("racing removals never go below the occupied seats", async () => {
    // 2 agents + the owner, made an Agent by the first purchase (SPEC §3): 3 occupied.
    const { owner, accountId } = await createBillingTestAccount({ db: t.db, agents: 2 });
    const p = await previewFor(owner, 10);
    await confirmSeatPurchase({ db: t.db, actor: owner, input: { seats: 10, prorationDate: null, idempotencyKey: p.idempotencyKey }, provider });
    const results = await Promise.all([9, 7, 5, 3, 2, 1].map((seats) => removeSeats({ db: t.db, actor: owner, input: { seats }, provider })));
    const purchased = (await seatsOf(t.db, accountId)).purchased;
    expect(purchased).toBeGreaterThanOrEqual(3);
    expect(results.filter((r) => !r.ok && r.error === "3 seats are occupied. Change roles first.").length).toBeGreaterThanOrEqual(2);
    expect(await paidInvoices(accountId)).toHaveLength(1);
  });
});
