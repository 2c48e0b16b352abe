import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { seedsOnStart } from "./prepare-database";

describe("first start (issue 12, item 2)", () => {
  it("seeds the demo account only into the embedded database on its first start", () => {
    expect(seedsOnStart({ kind: "pglite", empty: true })).toBe(true);
    expect(seedsOnStart({ kind: "pglite", empty: false })).toBe(false);
    // An empty PostgreSQL database (DATABASE_URL) is a real deployment: never the known demo password.
    expect(seedsOnStart({ kind: "postgres", empty: true })).toBe(false);
  });

  it("npm start with DATABASE_URL and nothing else exits non-zero, naming every missing setting, before touching the database", () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" };
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    for (const name of ["APP_URL", "SMTP_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_MONTHLY", "STRIPE_PRICE_YEARLY", "BILLING_PROVIDER=local"]) {
      expect(run.stderr).toContain(name);
    }
    expect(run.stderr).not.toMatch(/ECONNREFUSED/);
  });
});
