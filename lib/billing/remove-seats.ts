import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { hasLiveSubscription, seatQuantity } from "./billing-account";
import { idempotencyKeyInput, selfServeSeats } from "./seat-input";
import { billingDeps, withSeatLock } from "./seat-lock";

const removeInput = z.object({ seats: selfServeSeats, idempotencyKey: idempotencyKeyInput.optional() });

/**
 * Lowers the purchased seats to `seats`. Only empty seats go: with the seat row locked, the
 * occupied seats (Agents) must still fit. No charge and no credit: the seats stay paid until the
 * period ends, and adding them back before then costs nothing (REMOVAL_POLICY_TEXT, decision 0028).
 */
export const removeSeats = defineCommand({
  permission: "seats.remove",
  input: removeInput,
  deps: billingDeps,
  async run({ tx, actor, input: { seats, idempotencyKey = randomUUID() }, provider, now }): Promise<Result<{ purchased: number }>> {
    const accountId = actor.accountId;
    return withSeatLock({ tx, accountId }, async (locked) => {
      const { billing } = locked;
      if (!hasLiveSubscription(billing)) return fail("There are no purchased seats to remove.");
      const current = seatQuantity(billing);
      if (seats >= current) {
        return fail(`Choose fewer than the ${current} seats you have.`, { seats: `Choose fewer than ${current} seats.` });
      }
      const refusal = locked.belowOccupied(seats);
      if (refusal) return refusal;
      await provider.removeSeats({ tx, accountId, seats, idempotencyKey, now });
      return ok({ purchased: await locked.purchasedNow() });
    });
  },
});
