import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/database";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { countOccupiedSeats, lockSeats, seatSummary } from "@/lib/seats/capacity";
import { hasLiveSubscription, readBillingAccount } from "./billing-account";
import { billingProvider } from "./active-provider";
import { toUnix } from "./periods";
import type { BillingProvider, SeatPreview } from "./provider";
import { cycleInput, idempotencyKeyInput, occupiedMessage, selfServeSeats } from "./seat-input";

/** How long a shown price may be confirmed: the proration date must be this recent. */
export const PREVIEW_LIFETIME_SECONDS = 30 * 60;

const previewInput = z.object({ seats: selfServeSeats, cycle: cycleInput });

export type SeatChangePreview = SeatPreview & { kind: "purchase" | "removal" | "none"; idempotencyKey: string; occupied: number };

/** What "Update" shows: the new total per period and what is charged now. Charges nothing. */
export async function previewSeatChange({
  db,
  actor,
  input,
  provider = billingProvider(),
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  input: unknown;
  provider?: BillingProvider;
  now?: Date;
}): Promise<Result<SeatChangePreview>> {
  requirePermission(actor, "seats.purchase");
  const parsed = previewInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { seats, cycle } = parsed.data;
  const summary = await seatSummary({ db, accountId: actor.accountId, now });
  const occupied = summary.occupied;
  if (seats + summary.included < occupied) return fail(occupiedMessage(occupied), { seats: occupiedMessage(occupied) });
  const preview = await provider.preview({ db, accountId: actor.accountId, seats, cycle, now });
  const kind = seats > preview.currentSeats ? "purchase" : seats < preview.currentSeats ? "removal" : "none";
  return { ok: true, value: { ...preview, kind, occupied, idempotencyKey: randomUUID() } };
}

const confirmInput = z.object({
  seats: selfServeSeats,
  cycle: cycleInput,
  prorationDate: z.coerce.number().int().nullable().default(null),
  idempotencyKey: idempotencyKeyInput,
});

/**
 * "Confirm seat purchase": charges the prorated amount now and, once the payment is settled,
 * raises the purchased seats to `seats`. A declined payment changes no seats. The whole change
 * runs under the account's seat lock, so concurrent confirmations apply one after the other and
 * the second finds the seats already bought (nothing charged twice).
 */
export async function confirmSeatPurchase({
  db,
  actor,
  input,
  provider = billingProvider(),
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  input: unknown;
  provider?: BillingProvider;
  now?: Date;
}): Promise<Result<{ status: "paid" | "unchanged"; chargedNow: number; purchased: number }>> {
  requirePermission(actor, "seats.purchase");
  const parsed = confirmInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { seats, cycle, prorationDate, idempotencyKey } = parsed.data;
  const nowSeconds = toUnix(now);
  if (prorationDate !== null && (prorationDate > nowSeconds + 60 || prorationDate < nowSeconds - PREVIEW_LIFETIME_SECONDS)) {
    return fail("This price is no longer current. Review the new total and confirm again.");
  }
  const accountId = actor.accountId;
  return db.transaction(async (tx) => {
    const row = await lockSeats({ tx, accountId });
    const billing = await readBillingAccount({ db: tx, accountId });
    const current = hasLiveSubscription(billing) ? billing.quantity : 0;
    if (seats < current) return fail("That is fewer seats than you have; remove seats instead.", { seats: "Choose more seats than you have." });
    const occupied = await countOccupiedSeats({ db: tx, accountId });
    if (seats + row.included < occupied) return fail(occupiedMessage(occupied), { seats: occupiedMessage(occupied) });
    const outcome = await provider.confirm({ tx, accountId, seats, cycle, prorationDate, idempotencyKey, now });
    // A declined payment is still committed: the failed invoice is on record, the seats are not.
    if (outcome.status === "declined" || outcome.status === "stale") return fail(outcome.message);
    const after = await lockSeats({ tx, accountId });
    return {
      ok: true as const,
      value: { status: outcome.status, chargedNow: outcome.status === "paid" ? outcome.chargedNow : 0, purchased: after.purchased },
    };
  });
}
