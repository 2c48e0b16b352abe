import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, realtimeSocketSources } from "./content-security-policy";

describe("dashboard Content-Security-Policy (issue 12, should-fix)", () => {
  it("allows scripts only by nonce (no inline script otherwise), forbids framing, plugins and foreign forms", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", env: {} });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
  });

  it("lets the browser reach the realtime socket it is configured for", () => {
    expect(realtimeSocketSources({})).toEqual(["ws://127.0.0.1:6001"]);
    expect(realtimeSocketSources({ PUSHER_PORT: "6112" })).toEqual(["ws://127.0.0.1:6112"]);
    expect(realtimeSocketSources({ PUSHER_APP_ID: "1", PUSHER_KEY: "k", PUSHER_SECRET: "s", PUSHER_CLUSTER: "eu" })[0]).toBe("wss://ws-eu.pusher.com");
    expect(realtimeSocketSources({ PUSHER_HOST: "rt.example.com", PUSHER_WS_PORT: "443", PUSHER_USE_TLS: "true" })).toEqual(["wss://rt.example.com:443"]);
  });
});
