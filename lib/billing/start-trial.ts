import { eq } from "drizzle-orm";
import { z } from "zod";
import { accountSeats } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { seatsChanged } from "@/lib/realtime/events";
import { makePrimaryAdminAgentIfFree } from "@/lib/seats/first-agent";
import { capacityOf, lockSeats } from "@/lib/seats/capacity";
import { hasLiveSubscription, readBillingAccount } from "./billing-account";

type Env = Record<string, string | undefined>;

export function trialSettings(env: Env = process.env) {
  const days = positiveInt(env.TRIAL_DAYS, 14, "TRIAL_DAYS");
  const seats = positiveInt(env.TRIAL_SEATS, 3, "TRIAL_SEATS");
  return { days, seats };
}

function positiveInt(raw: string | undefined, fallback: number, name: string) {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}".`);
  return n;
}

/** Starts the account's one trial: TRIAL_SEATS seats for TRIAL_DAYS days. */
export const startTrial = defineCommand({
  permission: "seats.purchase",
  input: z.unknown(),
  deps: (given: { now?: Date; env?: Env }) => ({ now: given.now ?? new Date(), ...trialSettings(given.env ?? process.env) }),
  async run({ tx, actor, now, days, seats, emit }): Promise<Result<{ trialEndsAt: Date; trialSeats: number }>> {
    const row = await lockSeats({ tx, accountId: actor.accountId });
    if (row.trialEndsAt) return fail("This account has already had its trial.");
    const billing = await readBillingAccount({ db: tx, accountId: actor.accountId });
    if (row.purchased > 0 || hasLiveSubscription(billing)) return fail("This account already has purchased seats.");
    const trialEndsAt = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
    await tx
      .update(accountSeats)
      .set({ trialSeats: seats, trialEndsAt, updatedAt: now })
      .where(eq(accountSeats.accountId, actor.accountId));
    emit(seatsChanged(actor.accountId, { trialSeats: seats }));
    const capacity = capacityOf({ ...row, trialSeats: seats, trialEndsAt }, now);
    emit(...(await makePrimaryAdminAgentIfFree({ tx, accountId: actor.accountId, capacity })));
    return ok({ trialEndsAt, trialSeats: seats });
  },
});
