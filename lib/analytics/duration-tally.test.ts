import { describe, expect, it } from "vitest";
import { bucketOf, bucketSeconds, DurationTally } from "./duration-tally";

/** percentile_cont over the exact values, as PostgreSQL computes it. */
function exactPercentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const a = Math.floor(rank);
  return a === rank ? sorted[a] : sorted[a] + (rank - a) * (sorted[a + 1] - sorted[a]);
}

/** Tallies values the way the rollups store them: pairs bucket, count sorted by bucket, zeros apart. */
function tallyOf(values: number[]) {
  const counts = new Map<number, number>();
  for (const v of values) if (v > 0) counts.set(bucketOf(v), (counts.get(bucketOf(v)) ?? 0) + 1);
  const pairs = [...counts].sort((a, b) => a[0] - b[0]).flat().join(",");
  return { pairs, zeros: values.filter((v) => v === 0).length };
}

describe("duration tallies", () => {
  it("give every bucket a value within 0.990 % of the durations in it", () => {
    for (const seconds of [1e-6, 0.5, 1, 59, 60, 61, 3600, 86_400 * 3 + 17, 3e7]) {
      const value = bucketSeconds(bucketOf(seconds));
      expect(Math.abs(value - seconds) / seconds).toBeLessThanOrEqual(0.0099010);
    }
  });

  it("merged from parts, give percentiles within 1 % of percentile_cont over the values", () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      const values = Array.from({ length: n }, () => (rand() < 0.05 ? 0 : Math.round(rand() ** 3 * 86_400 * 3 * 1e6) / 1e6));
      const merged = new DurationTally();
      // Stored in several rows (days), merged by adding.
      for (let from = 0; from < n; from += 37) {
        const part = tallyOf(values.slice(from, from + 37));
        merged.add(part.pairs, part.zeros);
      }
      expect(merged.total).toBe(n);
      for (const q of [0.5, 0.9]) {
        const exact = exactPercentile(values, q);
        const got = merged.percentile(q)!;
        expect(Math.abs(got - exact), `n=${n} q=${q}`).toBeLessThanOrEqual(0.0099011 * exact);
      }
    }
  });

  it("are empty with nothing added, and subtract what was added", () => {
    const t = new DurationTally();
    expect(t.percentile(0.5)).toBeNull();
    t.add("10,2,12,1", 1);
    t.add("10,-2,12,-1", -1);
    expect(t.total).toBe(0);
    expect(t.percentile(0.9)).toBeNull();
  });
});
