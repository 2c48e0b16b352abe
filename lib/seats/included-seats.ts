/**
 * Seats every account gets free (seed 004: "When you create your bot, you'll get one seat straight
 * away"): INCLUDED_FREE_SEATS, default 1. Given to each new account at sign-up as its
 * `account_seats.included`, which the capacity rule counts and Manage Seats shows as "Included free".
 */
export function includedFreeSeats(env: Record<string, string | undefined> = process.env): number {
  const raw = env.INCLUDED_FREE_SEATS;
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new Error(`INCLUDED_FREE_SEATS must be a whole number from 0 to 1000, got "${raw}".`);
  return n;
}
