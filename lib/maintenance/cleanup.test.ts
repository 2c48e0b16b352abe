import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations, invites, pendingSignUps, rateLimits } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { cleanupExpiredInvites, cleanupPendingSignUps, cleanupRateLimits, clearStaleVisitorPresence } from "./cleanup";

const t = useTestDatabase();
const now = new Date("2026-11-29T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe("scheduled clean-up", () => {
  test("rate-limit rows: only windows that ended a day ago go", async () => {
    await t.db.insert(rateLimits).values([
      { key: "old", windowStart: hoursAgo(25), count: 3 },
      { key: "current", windowStart: hoursAgo(0.1), count: 9 },
    ]);
    expect(await cleanupRateLimits({ db: t.db, now })).toEqual({ removed: 1 });
    expect((await t.db.select().from(rateLimits)).map((r) => r.key)).toEqual(["current"]);
  });

  test("invites: expired and unused for 30 days go; open or accepted ones stay", async () => {
    const a = await createInboxAccount(t.db);
    const base = { accountId: a.accountId, invitedById: a.owner.userId };
    await t.db.insert(invites).values([
      { ...base, email: "old@example.com", tokenHash: "h1", expiresAt: hoursAgo(31 * 24) },
      { ...base, email: "recent@example.com", tokenHash: "h2", expiresAt: hoursAgo(24) },
      { ...base, email: "open@example.com", tokenHash: "h3", expiresAt: new Date(now.getTime() + 3600_000) },
      { ...base, email: "joined@example.com", tokenHash: "h4", expiresAt: hoursAgo(40 * 24), acceptedAt: hoursAgo(41 * 24) },
    ]);
    expect(await cleanupExpiredInvites({ db: t.db, now })).toEqual({ removed: 1 });
    expect((await t.db.select().from(invites)).map((i) => i.email).sort()).toEqual(["joined@example.com", "open@example.com", "recent@example.com"]);
  });

  test("visitor presence: a dot left on by a lost webhook is cleared after a quiet day; a live chat keeps it", async () => {
    const a = await createInboxAccount(t.db);
    const stale = await inbound(t.db, a.accountId, { channel: "chat", body: "hi", email: "stale@example.com" });
    const live = await inbound(t.db, a.accountId, { channel: "chat", body: "hello", email: "live@example.com" });
    await t.db.update(conversations).set({ visitorOnline: true, lastMessageAt: hoursAgo(30) }).where(eq(conversations.id, stale.conversationId));
    await t.db.update(conversations).set({ visitorOnline: true, lastMessageAt: hoursAgo(1) }).where(eq(conversations.id, live.conversationId));
    expect(await clearStaleVisitorPresence({ db: t.db, now })).toEqual({ cleared: 1 });
    const online = await t.db.select({ id: conversations.id }).from(conversations).where(sql`${conversations.visitorOnline}`);
    expect(online.map((r) => r.id)).toEqual([live.conversationId]);
  });

  test("pending sign-ups: expired or used ones go (they hold a password hash); an open link stays", async () => {
    const base = { name: "N", accountName: "A", passwordHash: "hash" };
    await t.db.insert(pendingSignUps).values([
      { ...base, email: "expired@example.com", tokenHash: "p1", expiresAt: hoursAgo(1) },
      { ...base, email: "used@example.com", tokenHash: "p2", expiresAt: new Date(now.getTime() + 3600_000), usedAt: hoursAgo(0.5) },
      { ...base, email: "open@example.com", tokenHash: "p3", expiresAt: new Date(now.getTime() + 3600_000) },
    ]);
    expect(await cleanupPendingSignUps({ db: t.db, now })).toEqual({ removed: 2 });
    expect((await t.db.select().from(pendingSignUps)).map((p) => p.email)).toEqual(["open@example.com"]);
  });
});
