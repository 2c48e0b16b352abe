import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { limitPublicEndpoint, PUBLIC_LIMITS } from "@/lib/rate-limit/public-endpoints";
import { issueVisitorToken, refreshVisitorToken, verifyVisitorToken } from "./visitor-token";
import { accountOfWidgetKey, ensureWidgetKey } from "./widget-key";

const t = useTestDatabase();

describe("visitor tokens", () => {
  const accountId = randomUUID();
  const now = new Date("2025-05-01T10:00:00Z");

  it("carry the account and visitor id and verify", () => {
    const { token, visitorId } = issueVisitorToken({ accountId, now });
    expect(verifyVisitorToken(token, { now })).toEqual({ accountId, visitorId, issuedAt: new Date("2025-05-01T10:00:00Z") });
  });

  it("cannot be forged or altered", () => {
    const { token } = issueVisitorToken({ accountId, now });
    const [body, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, vid: `v_${randomUUID()}` })).toString("base64url");
    expect(verifyVisitorToken(`${altered}.${signature}`, { now })).toBeNull();
    expect(verifyVisitorToken(`${body}.${signature.slice(0, -2)}xx`, { now })).toBeNull();
    expect(verifyVisitorToken(`${body}`, { now })).toBeNull();
    expect(verifyVisitorToken(`${token}.extra`, { now })).toBeNull();
    expect(verifyVisitorToken(42, { now })).toBeNull();
    expect(verifyVisitorToken("not a token", { now })).toBeNull();
  });

  it("expire after a year and are refreshed after a week, keeping the visitor", () => {
    const { token } = issueVisitorToken({ accountId, now });
    const later = (days: number) => new Date(now.getTime() + days * 24 * 3600 * 1000);
    expect(verifyVisitorToken(token, { now: later(366) })).toBeNull();
    const identity = verifyVisitorToken(token, { now: later(8) })!;
    expect(refreshVisitorToken(identity, { now: later(1) })).toBeNull();
    const fresh = refreshVisitorToken(identity, { now: later(8) })!;
    expect(verifyVisitorToken(fresh, { now: later(8) })).toMatchObject({ accountId, visitorId: identity.visitorId, issuedAt: later(8) });
  });
});

describe("widget keys", () => {
  it("one key per account, created once even when asked concurrently", async () => {
    const [a] = await t.db.insert(accounts).values({ name: "A" }).returning();
    const [b] = await t.db.insert(accounts).values({ name: "B" }).returning();
    const keys = await Promise.all(Array.from({ length: 5 }, () => ensureWidgetKey({ db: t.db, accountId: a.id })));
    expect(new Set(keys).size).toBe(1);
    const keyB = await ensureWidgetKey({ db: t.db, accountId: b.id });
    expect(keyB).not.toBe(keys[0]);
    expect(await accountOfWidgetKey({ db: t.db, widgetKey: keys[0] })).toBe(a.id);
    expect(await accountOfWidgetKey({ db: t.db, widgetKey: keyB })).toBe(b.id);
    expect(await accountOfWidgetKey({ db: t.db, widgetKey: "wk_unknownunknown" })).toBeNull();
    expect(await accountOfWidgetKey({ db: t.db, widgetKey: "'; drop table accounts; --" })).toBeNull();
  });
});

describe("public endpoint rate limits", () => {
  it("refuses a client over its budget, per endpoint and per client", async () => {
    const now = new Date("2025-05-01T10:00:00Z");
    const limit = PUBLIC_LIMITS["widget.email"];
    const results = [];
    for (let i = 0; i < limit + 1; i++) results.push(await limitPublicEndpoint({ db: t.db, endpoint: "widget.email", client: "1.2.3.4", now }));
    expect(results.filter((r) => r.allowed)).toHaveLength(limit);
    expect(results.at(-1)!.allowed).toBe(false);
    expect((await limitPublicEndpoint({ db: t.db, endpoint: "widget.email", client: "5.6.7.8", now })).allowed).toBe(true);
    expect((await limitPublicEndpoint({ db: t.db, endpoint: "widget.message", client: "1.2.3.4", now })).allowed).toBe(true);
    expect((await limitPublicEndpoint({ db: t.db, endpoint: "widget.email", client: "1.2.3.4", now: new Date(now.getTime() + 61_000) })).allowed).toBe(true);
  });
});
