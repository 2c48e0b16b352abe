import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { seatSummary } from "@/lib/seats/capacity";
import { toUnix } from "./periods";
import type { BillingProvider, SeatPreview } from "./provider";
import { belowOccupied, cycleInput, idempotencyKeyInput, selfServeSeats } from "./seat-input";
import { billingDeps, withSeatLock } from "./seat-lock";

/** How long a shown price may be confirmed: the proration date must be this recent. */
export const PREVIEW_LIFETIME_SECONDS = 30 * 60;

const previewInput = z.object({ seats: selfServeSeats, cycle: cycleInput });

export type SeatChangePreview = SeatPreview & {
  kind: "purchase" | "removal" | "none";
  idempotencyKey: string;
  occupied: number;
  /** A first purchase while the trial runs: the trial (and its seats) end on confirmation. */
  endsTrial: { trialSeats: number } | null;
};

/**
 * What "Update" shows: the new total per period and what is charged now. Charges nothing, and
 * takes no lock: a preview must neither wait for nor hold up a confirmation's payment; the
 * confirmation checks everything again under the seat lock.
 */
export const previewSeatChange = defineCommand({
  permission: "seats.purchase",
  input: previewInput,
  transaction: false,
  deps: billingDeps,
  async run({ tx: db, actor, input: { seats, cycle }, provider, now }): Promise<Result<SeatChangePreview>> {
    const summary = await seatSummary({ db, accountId: actor.accountId, now });
    const refusal = belowOccupied({ seats, included: summary.included, occupied: summary.occupied });
    if (refusal) return refusal;
    const preview = await provider.preview({ db, accountId: actor.accountId, seats, cycle, now });
    const kind = seats > preview.currentSeats ? "purchase" : seats < preview.currentSeats ? "removal" : "none";
    const trialRunning = summary.trialEndsAt !== null && summary.trialEndsAt > now;
    const endsTrial = trialRunning && preview.currentSeats === 0 && kind === "purchase" ? { trialSeats: summary.trialSeats } : null;
    return ok({ ...preview, kind, occupied: summary.occupied, endsTrial, idempotencyKey: randomUUID() });
  },
});

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
export type ConfirmedPurchase =
  | { status: "paid" | "unchanged"; chargedNow: number; purchased: number }
  /** Stripe Checkout (a first Stripe purchase): go to `url`; the webhooks grant the seats. */
  | { status: "redirect"; url: string }
  /** 3-D Secure: confirm on Stripe's hosted invoice page; no seats until it is paid. */
  | { status: "action_required"; url: string; message: string; purchased: number };

export const confirmSeatPurchase = defineCommand({
  permission: "seats.purchase",
  input: confirmInput,
  deps: (given: { provider?: BillingProvider; now?: Date; returnUrl?: string }) => ({ ...billingDeps(given), returnUrl: given.returnUrl }),
  async run({ tx, actor, input, provider, now, returnUrl }): Promise<Result<ConfirmedPurchase>> {
    const { seats, cycle, prorationDate, idempotencyKey } = input;
    const nowSeconds = toUnix(now);
    if (prorationDate !== null && (prorationDate > nowSeconds + 60 || prorationDate < nowSeconds - PREVIEW_LIFETIME_SECONDS)) {
      return fail("This price is no longer current. Review the new total and confirm again.");
    }
    const accountId = actor.accountId;
    return withSeatLock({ tx, accountId }, async (locked) => {
      if (seats < locked.current) return fail("That is fewer seats than you have; remove seats instead.", { seats: "Choose more seats than you have." });
      const refusal = locked.belowOccupied(seats);
      if (refusal) return refusal;
      const outcome = await provider.confirm({ tx, accountId, seats, cycle, prorationDate, idempotencyKey, now, returnUrl });
      // A declined payment is still committed: the failed invoice is on record, the seats are not.
      if (outcome.status === "declined" || outcome.status === "stale") return fail(outcome.message);
      if (outcome.status === "redirect") return ok({ status: "redirect", url: outcome.url });
      if (outcome.status === "action_required") {
        return ok({ status: "action_required", url: outcome.url, message: outcome.message, purchased: await locked.purchasedNow() });
      }
      const chargedNow = outcome.status === "paid" ? outcome.chargedNow : 0;
      return ok({ status: outcome.status, chargedNow, purchased: await locked.purchasedNow() });
    });
  },
});
