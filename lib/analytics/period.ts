/**
 * Report periods reckoned in the account's time zone: a period is a half-open range of
 * instants [from, to) running from local midnight of its first day to local midnight after
 * its last day, so "today" in Tokyo and "today" in New York are different instants.
 */
export const periodPresets = ["today", "7d", "30d", "custom"] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export const periodPresetLabels: Record<PeriodPreset, string> = {
  today: "Today",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom",
};

/** Longest custom period, in days: keeps a report's work bounded. */
export const MAX_PERIOD_DAYS = 366;

export type Period = {
  preset: PeriodPreset;
  timeZone: string;
  /** First and last local day of the period, inclusive (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
  /** The instants bounding the period: from ≤ t < to. */
  from: Date;
  to: Date;
};

export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(instant: Date, timeZone: string): string {
  const p = zonedParts(instant.getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant at which a local day begins in a zone (DST-aware). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wallClock = Date.UTC(y, m - 1, d);
  // Two passes: the zone's offset at the first guess may differ from its offset at the answer.
  let guess = wallClock - offsetAt(wallClock, timeZone);
  guess = wallClock - offsetAt(guess, timeZone);
  return new Date(guess);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function daysBetween(first: string, last: string): number {
  const at = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(last) - at(first)) / 86_400_000) + 1;
}

/**
 * Resolves a preset (or a custom first/last day) to a Period. "Last 7 days" and "Last 30 days"
 * end with today, so they include the part of today that has passed.
 */
export function resolvePeriod({
  preset,
  timeZone,
  now,
  firstDay,
  lastDay,
}: {
  preset: PeriodPreset;
  timeZone: string;
  now: Date;
  firstDay?: string;
  lastDay?: string;
}): Period {
  const today = localDay(now, timeZone);
  let first = today;
  let last = today;
  if (preset === "7d") first = addDays(today, -6);
  if (preset === "30d") first = addDays(today, -29);
  if (preset === "custom") {
    if (!firstDay || !lastDay) throw new Error("A custom period needs its first and last day.");
    first = firstDay;
    last = lastDay;
  }
  return {
    preset,
    timeZone,
    firstDay: first,
    lastDay: last,
    from: startOfLocalDay(first, timeZone),
    to: startOfLocalDay(addDays(last, 1), timeZone),
  };
}

function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function zonedParts(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

function pad(n: number) {
  return String(n).padStart(2, "0");
}
