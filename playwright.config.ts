import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

// Use Playwright's own Chromium when it is installed, else the system's (Debian: /usr/bin/chromium).
function chromiumExecutable(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser
  }
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./e2e",
  // Every test signs up a new account (form, mailed link, confirm) before its own steps.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry everywhere (.ci/run does not set CI): a flaky failure shows as "flaky" in the report instead of failing the run.
  retries: 1,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    // A throwaway embedded database for every run; the app must already be built (npm run build: it
    // also compiles serve.ts, as `npm start` runs it).
    command: `rm -rf .data/e2e && node .next/server-scripts/serve.mjs`,
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      PGLITE_DIR: ".data/e2e",
      FILES_DIR: ".data/e2e/files",
      PUSHER_PORT: process.env.E2E_PUSHER_PORT ?? "6101",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every test browser signs in from 127.0.0.1; the per-email limit still applies.
      SIGN_IN_LIMIT_PER_IP: "1000",
      SIGN_UP_LIMIT_PER_IP: "1000",
      // Enables /api/test/inbound (a customer message delivered through the inbox's lib command).
      E2E_TEST_HOOKS: "1",
      // Tests post inbound mail to /api/webhooks/email as the mail provider would.
      EMAIL_WEBHOOK_SECRET: process.env.E2E_EMAIL_WEBHOOK_SECRET ?? "e2e-email-webhook-secret",
    },
    stdout: "pipe",
  },
});
