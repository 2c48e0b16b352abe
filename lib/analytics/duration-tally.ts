/**
 * Log-bucket tallies of durations (decision 0052): bucket k counts durations in
 * (1.02^(k−1), 1.02^k] seconds, zero durations are counted apart; stored sparse, as pairs k, count. The rollups store one per row;
 * the report merges them here (adding counts) and reads percentiles off the merged tally.
 */
const BASE = 1.02;

/** The value standing for bucket k: within 0.02 / 2.02 (0.990 %) of every duration in it. */
export function bucketSeconds(k: number): number {
  return (2 * BASE ** k) / (BASE + 1);
}

/** The bucket of a positive duration, as the database's analytics_duration_bucket computes it. */
export function bucketOf(seconds: number): number {
  return Math.ceil(Math.log(seconds) / Math.log(BASE));
}

// Buckets -1024 … 2047: 1.6e-9 s to 4e17 s, beyond any duration stored at microsecond resolution.
const OFFSET = 1024;
const SIZE = 3072;

export class DurationTally {
  private counts = new Float64Array(SIZE);
  private zeros = 0;
  total = 0;

  /**
   * Adds a stored tally: pairs bucket, count joined with commas (as the database sends them),
   * read without splitting (a 30-day report at 1 M conversations adds about a million numbers).
   */
  add(pairs: string | null, zeros: number) {
    this.zeros += zeros;
    this.total += zeros;
    if (!pairs) return;
    let value = 0;
    let negative = false;
    let key: number | null = null;
    for (let i = 0; i <= pairs.length; i++) {
      const c = i < pairs.length ? pairs.charCodeAt(i) : 44;
      if (c === 45) negative = true;
      else if (c !== 44) value = value * 10 + (c - 48);
      else {
        const number = negative ? -value : value;
        if (key === null) {
          key = number + OFFSET;
          if (key < 0 || key >= SIZE) throw new Error(`Duration bucket ${number} is out of range.`);
        } else {
          this.counts[key] += number;
          this.total += number;
          key = null;
        }
        value = 0;
        negative = false;
      }
    }
  }

  /**
   * percentile_cont(q) with every order statistic replaced by its bucket's value: the rank
   * q·(n−1) falls between the order statistics a and a+1, interpolated linearly. Each is within
   * 0.990 % of the exact value, so the result is too. Null when the tally is empty.
   */
  percentile(q: number): number | null {
    if (this.total <= 0) return null;
    const rank = q * (this.total - 1);
    const a = Math.floor(rank);
    const fraction = rank - a;
    let low: number | null = a < this.zeros ? 0 : null;
    let high: number | null = fraction === 0 || a + 1 < this.zeros ? low ?? 0 : null;
    let seen = this.zeros;
    for (let k = 0; k < SIZE && (low === null || high === null); k++) {
      if (this.counts[k] === 0) continue;
      seen += this.counts[k];
      if (low === null && a < seen) low = bucketSeconds(k - OFFSET);
      if (high === null && a + 1 < seen) high = bucketSeconds(k - OFFSET);
    }
    if (low === null) return null;
    return fraction === 0 ? low : low + fraction * ((high ?? low) - low);
  }
}
