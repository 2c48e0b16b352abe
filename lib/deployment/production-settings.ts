type Env = Record<string, string | undefined>;

const STRIPE_SETTINGS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_MONTHLY", "STRIPE_PRICE_YEARLY"] as const;

/**
 * What a real deployment (one with DATABASE_URL) must configure before it may start, each with
 * why; empty when nothing is missing or when running embedded (no DATABASE_URL).
 * - APP_URL: invite links, confirmation links and billing return URLs would otherwise be built
 *   from the request's Host header, which a client chooses.
 * - SMTP_URL: sign-up finishes through a mailed link (decision 0060); without outbound mail nobody
 *   could create an account.
 * - Billing: Stripe, or BILLING_PROVIDER=local said explicitly — never the free local provider
 *   by accident (anyone could buy seats for nothing).
 */
export function missingProductionSettings(env: Env = process.env): string[] {
  if (!env.DATABASE_URL) return [];
  const missing: string[] = [];
  if (!env.APP_URL) missing.push("APP_URL — the public address of the app, e.g. https://chat.example.com (links in mail and billing return URLs)");
  if (!env.SMTP_URL) missing.push("SMTP_URL — outbound mail, e.g. smtp://user:pass@mail.example.com:587 (sign-up confirmation links, invites)");
  if (env.BILLING_PROVIDER !== "local") {
    for (const name of STRIPE_SETTINGS) {
      if (!env[name]) missing.push(`${name} — Stripe billing (or set BILLING_PROVIDER=local to run the built-in provider on purpose)`);
    }
  }
  return missing;
}

/** The message printed when a start is refused: one line per missing setting. */
export function describeMissingSettings(missing: string[]): string {
  return [
    "Conversations will not start: DATABASE_URL is set (a real deployment) but these settings are missing:",
    ...missing.map((m) => `  - ${m}`),
    'See "Deploying" in README.md.',
  ].join("\n");
}
