/**
 * How hard a delivery tries: attempts in all (the first one included) and the base of the
 * exponential backoff between them. pg-boss waits `base × 2^n / 2` plus a random share of the
 * same again (jitter) before attempt n + 1, so with the defaults: ~10–20 s, 20–40 s, 40–80 s, 80–160 s.
 */
export function deliveryRetryPolicy(env: Record<string, string | undefined> = process.env) {
  const attempts = clampInt(env.DELIVERY_MAX_ATTEMPTS, 5, 1, 25);
  const baseSeconds = clampInt(env.DELIVERY_RETRY_BASE_SECONDS, 10, 1, 3600);
  return { retryLimit: attempts - 1, retryDelay: baseSeconds, retryBackoff: true, expireInSeconds: 120 };
}

function clampInt(value: string | undefined, fallback: number, min: number, max: number) {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
