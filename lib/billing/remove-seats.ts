import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/database";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { countOccupiedSeats, lockSeats } from "@/lib/seats/capacity";
import { billingProvider } from "./active-provider";
import { hasLiveSubscription, readBillingAccount } from "./billing-account";
import type { BillingProvider } from "./provider";
import { idempotencyKeyInput, occupiedMessage, selfServeSeats } from "./seat-input";

const removeInput = z.object({ seats: selfServeSeats, idempotencyKey: idempotencyKeyInput.optional() });

/**
 * Lowers the purchased seats to `seats`. Only empty seats go: with the seat row locked, the
 * occupied seats (Agents) must still fit. No charge and no credit (REMOVAL_POLICY_TEXT).
 */
export async function removeSeats({
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
}): Promise<Result<{ purchased: number }>> {
  requirePermission(actor, "seats.remove");
  const parsed = removeInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { seats } = parsed.data;
  const idempotencyKey = parsed.data.idempotencyKey ?? randomUUID();
  const accountId = actor.accountId;
  return db.transaction(async (tx) => {
    const row = await lockSeats({ tx, accountId });
    const billing = await readBillingAccount({ db: tx, accountId });
    if (!hasLiveSubscription(billing)) return fail("There are no purchased seats to remove.");
    if (seats >= billing.quantity) {
      return fail(`Choose fewer than the ${billing.quantity} seats you have.`, { seats: `Choose fewer than ${billing.quantity} seats.` });
    }
    const occupied = await countOccupiedSeats({ db: tx, accountId });
    if (seats + row.included < occupied) return fail(occupiedMessage(occupied), { seats: occupiedMessage(occupied) });
    await provider.removeSeats({ tx, accountId, seats, idempotencyKey, now });
    const after = await lockSeats({ tx, accountId });
    return { ok: true as const, value: { purchased: after.purchased } };
  });
}
