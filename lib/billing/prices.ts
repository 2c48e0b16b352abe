/**
 * Seat prices from configuration. A yearly seat costs exactly 12 × the monthly seat: there is
 * no yearly discount (SPEC §3). Amounts are integer minor units (cents).
 */
export const billingCycles = ["month", "year"] as const;
export type BillingCycle = (typeof billingCycles)[number];

/** Self-serve purchases go up to this many seats; more is a "Contact Sales" request. */
export const SELF_SERVE_MAX_SEATS = 20;

export type SeatPrice = { unitAmount: number; currency: string; cycle: BillingCycle };

type Env = Record<string, string | undefined>;

export function monthlySeatCents(env: Env = process.env): number {
  const raw = env.SEAT_PRICE_MONTHLY_CENTS;
  if (raw === undefined || raw === "") return 1500;
  const cents = Number(raw);
  if (!Number.isInteger(cents) || cents <= 0) {
    throw new Error(`SEAT_PRICE_MONTHLY_CENTS must be a positive integer number of cents, got "${raw}".`);
  }
  return cents;
}

export function seatPrice(cycle: BillingCycle, env: Env = process.env): SeatPrice {
  const monthly = monthlySeatCents(env);
  return {
    unitAmount: cycle === "year" ? monthly * 12 : monthly,
    currency: (env.SEAT_PRICE_CURRENCY || "usd").toLowerCase(),
    cycle,
  };
}

/** "$15.00" — for labels; the amount stays in cents everywhere else. */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}
