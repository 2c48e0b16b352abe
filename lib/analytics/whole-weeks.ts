import { addDays } from "./period";

/** Weeks of the weekly tallies: local days from a Monday (PostgreSQL's date_trunc('week')). */
export type WholeWeeks = { firstWeek: string; endWeek: string };

/**
 * The whole weeks inside the days firstDay ≤ day < endDay: the Mondays firstWeek ≤ week < endWeek
 * (each week's seven days in the period), or null when the period holds no whole week.
 */
export function wholeWeeks(firstDay: string, endDay: string): WholeWeeks | null {
  const firstWeek = addDays(firstDay, (8 - weekday(firstDay)) % 7);
  const endWeek = addDays(endDay, -((weekday(endDay) + 6) % 7));
  return firstWeek < endWeek ? { firstWeek, endWeek } : null;
}

/** 0 for Sunday … 6 for Saturday. */
function weekday(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
