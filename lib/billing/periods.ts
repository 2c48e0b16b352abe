import type { BillingCycle } from "./prices";

/**
 * Billing periods anchored like Stripe's billing_cycle_anchor: period n ends n months (or years)
 * after the anchor, on the anchor's day clamped to the month's length (Jan 31 → Feb 28 → Mar 31).
 * All instants are Unix seconds, as Stripe reports them.
 */
export function addPeriods(anchor: number, cycle: BillingCycle, n: number): number {
  const d = new Date(anchor * 1000);
  const months = cycle === "year" ? 12 * n : n;
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return (
    Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000
  );
}

/** The period [start, end) that contains `at` (at ≥ anchor). */
export function periodContaining(anchor: number, cycle: BillingCycle, at: number): { start: number; end: number } {
  let n = 0;
  while (addPeriods(anchor, cycle, n + 1) <= at) n++;
  return { start: addPeriods(anchor, cycle, n), end: addPeriods(anchor, cycle, n + 1) };
}

export const toUnix = (date: Date) => Math.floor(date.getTime() / 1000);
export const fromUnix = (seconds: number) => new Date(seconds * 1000);
