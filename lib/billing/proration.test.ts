import { describe, expect, test } from "vitest";
import { addPeriods, periodContaining } from "./periods";
import { seatPrice } from "./prices";
import { prorate, quantityChangeProration } from "./proration";

const s = (iso: string) => Date.parse(iso) / 1000;
const monthly = seatPrice("month", { SEAT_PRICE_MONTHLY_CENTS: "1500" }).unitAmount;
const yearly = seatPrice("year", { SEAT_PRICE_MONTHLY_CENTS: "1500" }).unitAmount;
// A 30-day monthly period: 2,592,000 seconds.
const april = { periodStart: s("2025-04-01T00:00:00Z"), periodEnd: s("2025-05-01T00:00:00Z") };

describe("prices", () => {
  test("a yearly seat costs exactly 12 monthly seats (no discount)", () => {
    expect(monthly).toBe(1500);
    expect(yearly).toBe(18_000);
    expect(seatPrice("year", { SEAT_PRICE_MONTHLY_CENTS: "999" }).unitAmount).toBe(11_988);
  });

  test("the default is $15.00 a month in usd; bad configuration is refused", () => {
    expect(seatPrice("month", {})).toEqual({ unitAmount: 1500, currency: "usd", cycle: "month" });
    expect(() => seatPrice("month", { SEAT_PRICE_MONTHLY_CENTS: "12.5" })).toThrow();
    expect(() => seatPrice("month", { SEAT_PRICE_MONTHLY_CENTS: "-1" })).toThrow();
  });
});

describe("prorate", () => {
  test("mid-period purchase charges half the price per added seat", () => {
    expect(prorate({ unitAmount: monthly, quantity: 2, ...april, at: s("2025-04-16T00:00:00Z") })).toBe(1500);
  });

  test("purchase at the first second of the period charges the full price", () => {
    expect(prorate({ unitAmount: monthly, quantity: 3, ...april, at: april.periodStart })).toBe(4500);
    expect(prorate({ unitAmount: yearly, quantity: 3, periodStart: s("2025-01-01T00:00:00Z"), periodEnd: s("2026-01-01T00:00:00Z"), at: s("2025-01-01T00:00:00Z") })).toBe(54_000);
  });

  test("purchase at the last second of the period charges one second's worth, rounded", () => {
    // 1500 × 1 / 2,592,000 ≈ 0.0006 ¢ → 0; 18000 × 20 / 31,536,000 ≈ 0.011 ¢ → 0.
    expect(prorate({ unitAmount: monthly, quantity: 1, ...april, at: april.periodEnd - 1 })).toBe(0);
    expect(prorate({ unitAmount: yearly, quantity: 20, periodStart: s("2025-01-01T00:00:00Z"), periodEnd: s("2026-01-01T00:00:00Z"), at: s("2025-12-31T23:59:59Z") })).toBe(0);
    // A large enough line is not lost: 1,000,000 ¢ × 1 s / 2,592,000 s ≈ 0.386 → 0, 2,000,000 ¢ → 0.77 → 1.
    expect(prorate({ unitAmount: 2_000_000, quantity: 1, ...april, at: april.periodEnd - 1 })).toBe(1);
  });

  test("the instant counts to the second, not to the day", () => {
    const january = { periodStart: s("2025-01-01T00:00:00Z"), periodEnd: s("2025-02-01T00:00:00Z") }; // 31 days
    // 20 seats × 1500 × 16 d / 31 d = 15483.87 → 15484; half a day later 15.5 / 31 = exactly half → 15000.
    expect(prorate({ unitAmount: monthly, quantity: 20, ...january, at: s("2025-01-16T00:00:00Z") })).toBe(15_484);
    expect(prorate({ unitAmount: monthly, quantity: 20, ...january, at: s("2025-01-16T12:00:00Z") })).toBe(15_000);
    const oneSecondLater = prorate({ unitAmount: 2_678_400, quantity: 1, ...january, at: s("2025-01-16T12:00:01Z") });
    expect(oneSecondLater).toBe(1_339_199);
  });

  test("each line rounds to the nearest cent, halves away from zero", () => {
    // 1500 × 864 s / 2,592,000 s = 0.5 → 1; 10.5 → 11; 10.4994 → 10.
    expect(prorate({ unitAmount: monthly, quantity: 1, ...april, at: april.periodEnd - 864 })).toBe(1);
    expect(prorate({ unitAmount: monthly, quantity: 1, ...april, at: april.periodEnd - 18_144 })).toBe(11);
    expect(prorate({ unitAmount: monthly, quantity: 1, ...april, at: april.periodEnd - 18_143 })).toBe(10);
  });

  test("yearly mid-period purchase", () => {
    // 2025 has 365 days; 2 July 12:00 leaves exactly 182.5 days.
    const y2025 = { periodStart: s("2025-01-01T00:00:00Z"), periodEnd: s("2026-01-01T00:00:00Z") };
    expect(prorate({ unitAmount: yearly, quantity: 2, ...y2025, at: s("2025-07-02T12:00:00Z") })).toBe(18_000);
  });

  test("refuses an instant outside the period", () => {
    expect(() => prorate({ unitAmount: monthly, quantity: 1, ...april, at: april.periodEnd })).toThrow();
    expect(() => prorate({ unitAmount: monthly, quantity: 1, ...april, at: april.periodStart - 1 })).toThrow();
  });
});

describe("quantityChangeProration", () => {
  test("credits unused time on the old quantity and charges remaining time on the new one", () => {
    const result = quantityChangeProration({ unitAmount: monthly, fromQuantity: 3, toQuantity: 5, ...april, at: s("2025-04-16T00:00:00Z") });
    expect(result.lines).toEqual([
      { description: "Unused time on 3 × seat", quantity: 3, amount: -2250 },
      { description: "Remaining time on 5 × seat", quantity: 5, amount: 3750 },
    ]);
    expect(result.total).toBe(1500);
  });

  test("rounds each line, so the net can differ by a cent from rounding the difference", () => {
    // Each seat-line is worth 0.5 ¢: 1 seat → 1 ¢ (half up), 2 seats → 1 ¢; net 0 ¢, where one line would be 1 ¢.
    const result = quantityChangeProration({ unitAmount: monthly, fromQuantity: 1, toQuantity: 2, ...april, at: april.periodEnd - 864 });
    expect(result.lines.map((l) => l.amount)).toEqual([-1, 1]);
    expect(result.total).toBe(0);
  });

  test("a first purchase has no credit line", () => {
    const result = quantityChangeProration({ unitAmount: yearly, fromQuantity: 0, toQuantity: 4, periodStart: 0, periodEnd: 100, at: 0 });
    expect(result).toEqual({ lines: [{ description: "Remaining time on 4 × seat", quantity: 4, amount: 72_000 }], total: 72_000 });
  });
});

describe("periods", () => {
  test("monthly periods keep the anchor day, clamped to short months", () => {
    const anchor = s("2025-01-31T10:00:00Z");
    expect(new Date(addPeriods(anchor, "month", 1) * 1000).toISOString()).toBe("2025-02-28T10:00:00.000Z");
    expect(new Date(addPeriods(anchor, "month", 2) * 1000).toISOString()).toBe("2025-03-31T10:00:00.000Z");
    expect(new Date(addPeriods(s("2024-02-29T00:00:00Z"), "year", 1) * 1000).toISOString()).toBe("2025-02-28T00:00:00.000Z");
  });

  test("periodContaining finds the current period", () => {
    const anchor = s("2025-01-15T00:00:00Z");
    expect(periodContaining(anchor, "month", s("2025-03-20T00:00:00Z"))).toEqual({ start: s("2025-03-15T00:00:00Z"), end: s("2025-04-15T00:00:00Z") });
    expect(periodContaining(anchor, "year", anchor)).toEqual({ start: anchor, end: s("2026-01-15T00:00:00Z") });
  });
});
