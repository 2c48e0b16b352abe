import { describe, expect, it } from "vitest";
import { describeMissingSettings, missingProductionSettings } from "./production-settings";

describe("production settings (issue 12, item 2)", () => {
  it("embedded (no DATABASE_URL) needs nothing", () => {
    expect(missingProductionSettings({})).toEqual([]);
  });

  it("DATABASE_URL and nothing else: names APP_URL, SMTP_URL and every Stripe setting, in one message", () => {
    const missing = missingProductionSettings({ DATABASE_URL: "postgres://db/app", NODE_ENV: "production" });
    expect(missing.map((m) => m.split(" ")[0])).toEqual(["APP_URL", "SMTP_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_MONTHLY", "STRIPE_PRICE_YEARLY"]);
    const message = describeMissingSettings(missing);
    for (const name of ["APP_URL", "SMTP_URL", "STRIPE_SECRET_KEY", "BILLING_PROVIDER=local"]) expect(message).toContain(name);
  });

  it("a partial Stripe setup is still refused; BILLING_PROVIDER=local on purpose is accepted", () => {
    const base = { DATABASE_URL: "postgres://db/app", APP_URL: "https://chat.example.com", SMTP_URL: "smtp://mail.example.com:587" };
    expect(missingProductionSettings({ ...base, STRIPE_SECRET_KEY: "sk_live_x" }).map((m) => m.split(" ")[0])).toEqual([
      "STRIPE_WEBHOOK_SECRET",
      "STRIPE_PRICE_MONTHLY",
      "STRIPE_PRICE_YEARLY",
    ]);
    expect(missingProductionSettings({ ...base, BILLING_PROVIDER: "local" })).toEqual([]);
    expect(missingProductionSettings({ ...base, BILLING_PROVIDER: "stripe" })).toHaveLength(4);
    expect(
      missingProductionSettings({ ...base, STRIPE_SECRET_KEY: "sk", STRIPE_WEBHOOK_SECRET: "wh", STRIPE_PRICE_MONTHLY: "p1", STRIPE_PRICE_YEARLY: "p2" }),
    ).toEqual([]);
  });

  it("a real deployment without SMTP_URL is refused: sign-up cannot finish without mail (decision 0060)", () => {
    const ready = { DATABASE_URL: "postgres://db/app", APP_URL: "https://chat.example.com", BILLING_PROVIDER: "local" };
    expect(missingProductionSettings(ready).map((m) => m.split(" ")[0])).toEqual(["SMTP_URL"]);
    expect(missingProductionSettings({ ...ready, SMTP_URL: "smtp://mail.example.com:587" })).toEqual([]);
  });
});
