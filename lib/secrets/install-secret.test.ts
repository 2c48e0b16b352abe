import { mkdtempSync, statSync, writeFileSync, chmodSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { channelConfig } from "@/lib/channels/channel-config";
import { LOCAL_REALTIME_DEFAULTS, readRealtimeConfig } from "@/lib/realtime/config";
import { installSecret } from "./install-secret";

const fresh = () => mkdtempSync(path.join(tmpdir(), "secrets-"));

describe("per-install secrets (issue 12, item 2)", () => {
  it("are generated once per install, owner-only (0600), and read back the same", () => {
    const dir = fresh();
    const first = installSecret("email-webhook-secret", { dir });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(path.join(dir, "email-webhook-secret")).mode & 0o777).toBe(0o600);
    expect(installSecret("email-webhook-secret", { dir })).toBe(first);
    // Another install gets another secret.
    expect(installSecret("email-webhook-secret", { dir: fresh() })).not.toBe(first);
  });

  it("tighten an existing file that others could read", () => {
    const dir = fresh();
    writeFileSync(path.join(dir, "auth-secret"), "kept-value");
    chmodSync(path.join(dir, "auth-secret"), 0o644);
    expect(installSecret("auth-secret", { dir })).toBe("kept-value");
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });

  it("the channel and realtime secrets without env values are generated, not constants; env values win", () => {
    const config = channelConfig({});
    for (const value of [config.emailWebhookSecret, config.messengerAppSecret, config.messengerVerifyToken, config.smsAuthToken, LOCAL_REALTIME_DEFAULTS.secret]) {
      expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(value).not.toMatch(/local|dev|secret/);
    }
    expect(new Set([config.emailWebhookSecret, config.messengerAppSecret, config.smsAuthToken, LOCAL_REALTIME_DEFAULTS.secret]).size).toBe(4);
    expect(readFileSync(path.join(process.cwd(), ".data", "realtime-secret"), "utf8").trim()).toBe(readRealtimeConfig({}).server.secret);
    expect(channelConfig({ EMAIL_WEBHOOK_SECRET: "from-env" }).emailWebhookSecret).toBe("from-env");
    expect(readRealtimeConfig({ PUSHER_APP_ID: "a", PUSHER_KEY: "k", PUSHER_SECRET: "s", PUSHER_HOST: "h" }).server.secret).toBe("s");
  });
});
