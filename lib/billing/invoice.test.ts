import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { createBillingTestAccount } from "./billing.fixtures";
import { getInvoice } from "./invoice";
import { localProvider } from "./local-provider";
import { billingOverview } from "./overview";
import { confirmSeatPurchase, previewSeatChange } from "./seat-change";

const t = useTestDatabase();
const provider = localProvider;
type Actor = Parameters<typeof confirmSeatPurchase>[0]["actor"];

async function buy(actor: Actor, seats: number, now: Date) {
  const preview = await previewSeatChange({ db: t.db, actor, input: { seats }, provider, now });
  if (!preview.ok) throw new Error(preview.error);
  await confirmSeatPurchase({
    db: t.db,
    actor,
    input: { seats, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey },
    provider,
    now,
  });
}

describe("printable invoices (local provider)", () => {
  test("a proration invoice shows the credit and the charge as separate lines; other accounts cannot read it", async () => {
    const { owner, addUser } = await createBillingTestAccount({ db: t.db });
    const stranger = await createBillingTestAccount({ db: t.db });
    const start = new Date(Date.now() - 10 * 86_400_000);
    await buy(owner, 2, start);
    await buy(owner, 3, new Date());
    const overview = await billingOverview({ db: t.db, actor: owner, provider });
    const update = overview.invoices.find((i) => i.description?.startsWith("Seats added"))!;
    const invoice = await getInvoice({ db: t.db, actor: owner, invoiceId: update.id });
    expect(invoice!.lines.map((l) => [l.description, l.quantity, Math.sign(l.amount)])).toEqual([
      ["Unused time on 2 × seat", 2, -1],
      ["Remaining time on 3 × seat", 3, 1],
    ]);
    expect(invoice!.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(invoice!.amountDue);
    const first = overview.invoices.find((i) => i.description === "Seats purchased")!;
    expect((await getInvoice({ db: t.db, actor: owner, invoiceId: first.id }))!.lines).toEqual([{ description: "2 × seat", quantity: 2, amount: 3000 }]);

    expect(await getInvoice({ db: t.db, actor: stranger.owner, invoiceId: update.id })).toBeNull();
    expect(await getInvoice({ db: t.db, actor: owner, invoiceId: "not-a-uuid" })).toBeNull();
    const agent = await addUser({ level: "agent" });
    await expect(getInvoice({ db: t.db, actor: agent, invoiceId: update.id })).rejects.toThrow(ForbiddenError);
  });
});
