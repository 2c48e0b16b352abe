/**
 * Seats every account gets free (seed 004: "When you create your bot, you'll get one seat straight
 * away"): INCLUDED_FREE_SEATS, default 1, for `account_seats.included` (counted by the capacity
 * rule, shown on Manage Seats as "Included free"). Not yet granted at sign-up: the billing state
 * (lib/billing/subscription-state.ts) reads included > 0 as "active", which would skip the trial.
 */
export function includedFreeSeats(env: Record<string, string | undefined> = process.env): number {
  const raw = env.INCLUDED_FREE_SEATS;
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new Error(`INCLUDED_FREE_SEATS must be a whole number from 0 to 1000, got "${raw}".`);
  return n;
}
