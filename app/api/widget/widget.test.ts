import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { contacts, conversations, events, messages } from "@/db/schema";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import { ensureWidgetKey } from "@/lib/channels/webchat/widget-key";
import { issueVisitorToken } from "@/lib/channels/webchat/visitor-token";
import { reply } from "@/lib/inbox/reply";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { LOCAL_REALTIME_DEFAULTS } from "@/lib/realtime/config";

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));

const { POST: startSession } = await import("./session/route");
const { GET: history } = await import("./history/route");
const { POST: sendMessage } = await import("./messages/route");
const { POST: captureEmail } = await import("./email/route");
const { POST: seen } = await import("./seen/route");
const { POST: realtimeAuth } = await import("./realtime-auth/route");
const { POST: realtimeWebhook } = await import("../realtime/webhook/route");
const { GET: widgetJs } = await import("../../widget.js/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
});

let ip = 0;
const json = (url: string, body: unknown, token?: string) =>
  new Request(`http://app.test${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-conversations-socket-address": `10.0.0.${++ip % 250}`, ...(token ? { "x-visitor-token": token } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (url: string, token?: string) =>
  new Request(`http://app.test${url}`, { headers: { "x-conversations-socket-address": `10.0.1.${++ip % 250}`, ...(token ? { "x-visitor-token": token } : {}) } });
const uuid = () => crypto.randomUUID();

async function visitor() {
  const a = await createInboxAccount(t.db);
  const widgetKey = await ensureWidgetKey({ db: t.db, accountId: a.accountId });
  const res = await startSession(json("/api/widget/session", { widgetKey }));
  expect(res.status).toBe(200);
  const s = await res.json();
  return { a, widgetKey, token: s.token as string, session: s };
}

describe("widget session and messages", () => {
  test("a visitor writes, returns on the same device to the same conversation; a new device starts afresh", async () => {
    const { a, widgetKey, token, session: s } = await visitor();
    expect(s).toMatchObject({ accountId: a.accountId, conversationId: null });
    const clientMessageId = uuid();
    const first = await sendMessage(json("/api/widget/messages", { body: "Hello, is anyone there?", clientMessageId }, token));
    expect(first.status).toBe(201);
    const { conversationId } = await first.json();
    // A retried send (same clientMessageId) stores one message.
    expect((await sendMessage(json("/api/widget/messages", { body: "Hello, is anyone there?", clientMessageId }, token))).status).toBe(200);
    expect(await t.db.select().from(messages).where(eq(messages.conversationId, conversationId))).toHaveLength(1);

    const back = await (await startSession(json("/api/widget/session", { widgetKey, token }))).json();
    expect(back).toMatchObject({ conversationId, visitorId: s.visitorId });
    const fresh = await (await startSession(json("/api/widget/session", { widgetKey }))).json();
    expect(fresh.conversationId).toBeNull();
    expect(fresh.visitorId).not.toBe(s.visitorId);
    // Another account's token is not accepted for this widget.
    const other = issueVisitorToken({ accountId: (await createInboxAccount(t.db)).accountId }).token;
    expect((await (await startSession(json("/api/widget/session", { widgetKey, token: other }))).json()).visitorId).not.toBe(s.visitorId);
  });

  test("bad input and forged tokens are refused with nothing stored", async () => {
    const { token } = await visitor();
    const before = Number((await rowsOf<{ n: string }>(t.db, sql`SELECT count(*)::text AS n FROM messages`))[0].n);
    expect((await startSession(json("/api/widget/session", { widgetKey: "wk_doesnotexist000" }))).status).toBe(404);
    expect((await startSession(json("/api/widget/session", "{oops"))).status).toBe(400);
    expect((await sendMessage(json("/api/widget/messages", { body: "hi", clientMessageId: uuid() }, `${token}x`))).status).toBe(401);
    expect((await sendMessage(json("/api/widget/messages", { body: "   ", clientMessageId: uuid() }, token))).status).toBe(400);
    expect((await sendMessage(json("/api/widget/messages", { body: "x".repeat(5001), clientMessageId: uuid() }, token))).status).toBe(400);
    expect((await sendMessage(json("/api/widget/messages", { body: "hi" }, token))).status).toBe(400);
    expect((await sendMessage(json("/api/widget/messages", { body: "x".repeat(20_000), clientMessageId: uuid() }, token))).status).toBe(413);
    expect(Number((await rowsOf<{ n: string }>(t.db, sql`SELECT count(*)::text AS n FROM messages`))[0].n)).toBe(before);
  });

  test("script tags stay literal text in the stored message; the widget script never uses innerHTML", async () => {
    const { token } = await visitor();
    const res = await sendMessage(json("/api/widget/messages", { body: "<script>alert(1)</script>", clientMessageId: uuid() }, token));
    const { messageId } = await res.json();
    const [m] = await t.db.select().from(messages).where(eq(messages.id, messageId));
    expect(m.body).toBe("<script>alert(1)</script>");
    const js = await (await widgetJs()).text();
    expect(js).toContain("textContent");
    expect(js).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
  });

  test("email capture gives the contact an address; agent messages sent while away are unread until seen", async () => {
    const { a, token } = await visitor();
    expect((await captureEmail(json("/api/widget/email", { email: "x@y.z" }, token))).status).toBe(400);
    const { conversationId } = await (await sendMessage(json("/api/widget/messages", { body: "hi", clientMessageId: uuid() }, token))).json();
    expect((await captureEmail(json("/api/widget/email", { email: "not-an-email" }, token))).status).toBe(400);
    expect((await captureEmail(json("/api/widget/email", { email: "Visitor@Example.com" }, token))).status).toBe(200);
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, conversation.contactId!));
    expect(contact.email).toBe("visitor@example.com");

    const answered = await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "chat", body: "We answered while you were away" } });
    expect(answered.ok).toBe(true);
    const h = await (await history(get("/api/widget/history", token))).json();
    expect(h.unread).toBe(1);
    expect(h.messages.map((m: { from: string; unread: boolean }) => [m.from, m.unread])).toEqual([
      ["visitor", false],
      ["team", true],
    ]);
    expect(h.messages.some((m: { body: string }) => /assigned|took/i.test(m.body))).toBe(false);
    await seen(json("/api/widget/seen", { lastMessageId: h.messages[1].id }, token));
    expect((await (await history(get("/api/widget/history", token))).json()).unread).toBe(0);
  });
});

describe("visitor realtime and presence", () => {
  const form = (body: Record<string, string>, token?: string) =>
    new Request("http://app.test/api/widget/realtime-auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(token ? { "x-visitor-token": token } : {}) },
      body: new URLSearchParams(body),
    });
  const webhook = (body: object, secret = LOCAL_REALTIME_DEFAULTS.secret) => {
    const raw = JSON.stringify(body);
    return new Request("http://app.test/api/realtime/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "x-pusher-key": LOCAL_REALTIME_DEFAULTS.key, "x-pusher-signature": createHmac("sha256", secret).update(raw).digest("hex") },
      body: raw,
    });
  };

  test("a visitor may subscribe only to their own conversation's channels", async () => {
    const { a, token } = await visitor();
    const { conversationId } = await (await sendMessage(json("/api/widget/messages", { body: "hi", clientMessageId: uuid() }, token))).json();
    expect((await realtimeAuth(form({ socket_id: "1.2", channel_name: `private-visitor-${conversationId}` }, token))).status).toBe(200);
    expect((await realtimeAuth(form({ socket_id: "1.2", channel_name: `presence-visitor-${a.accountId}-${conversationId}` }, token))).status).toBe(200);
    expect((await realtimeAuth(form({ socket_id: "1.2", channel_name: `presence-visitor-${conversationId}` }, token))).status).toBe(403);
    expect((await realtimeAuth(form({ socket_id: "1.2", channel_name: `private-visitor-${uuid()}` }, token))).status).toBe(403);
    expect((await realtimeAuth(form({ socket_id: "1.2", channel_name: `private-visitor-${conversationId}` }))).status).toBe(403);
  });

  test("presence webhooks set visitor_online and emit an event; a forged webhook changes nothing", async () => {
    const { a, token } = await visitor();
    const { conversationId } = await (await sendMessage(json("/api/widget/messages", { body: "hi", clientMessageId: uuid() }, token))).json();
    const channel = `presence-visitor-${a.accountId}-${conversationId}`;
    const online = async () => (await t.db.select().from(conversations).where(eq(conversations.id, conversationId)))[0].visitorOnline;
    expect((await realtimeWebhook(webhook({ time_ms: Date.now(), events: [{ name: "channel_occupied", channel }] }, "wrong"))).status).toBe(401);
    // The realtime secret is generated per install: the constant the code used to carry is refused (issue 12).
    expect((await realtimeWebhook(webhook({ time_ms: Date.now(), events: [{ name: "channel_occupied", channel }] }, "conversations-local-" + "dev-secret"))).status).toBe(401);
    expect(await online()).toBe(false);
    expect((await realtimeWebhook(webhook({ time_ms: Date.now(), events: [{ name: "channel_occupied", channel }] }))).status).toBe(200);
    expect(await online()).toBe(true);
    const presenceEvents = (await t.db.select().from(events)).filter((e) => (e.payload as { change?: string }).change === "presence");
    expect(presenceEvents.at(-1)?.payload).toMatchObject({ conversationId, visitorOnline: true });
    await realtimeWebhook(webhook({ time_ms: Date.now(), events: [{ name: "channel_vacated", channel }] }));
    expect(await online()).toBe(false);
  });

  test("a presence webhook, even signed with the install's secret, never flips another account's visitor (issue 12)", async () => {
    const acme = await visitor();
    const globex = await visitor();
    const { conversationId: acmeConversation } = await (await sendMessage(json("/api/widget/messages", { body: "hi", clientMessageId: uuid() }, acme.token))).json();
    const { conversationId: globexConversation } = await (await sendMessage(json("/api/widget/messages", { body: "hi", clientMessageId: uuid() }, globex.token))).json();
    const online = async (id: string) => (await t.db.select().from(conversations).where(eq(conversations.id, id)))[0].visitorOnline;
    const presenceEvents = async () => (await t.db.select().from(events)).filter((e) => (e.payload as { change?: string }).change === "presence");
    const before = (await presenceEvents()).length;
    const forged = [
      `presence-visitor-${globexConversation}`, // a channel that names no account
      `presence-visitor-${acme.a.accountId}-${globexConversation}`, // acme's account, globex's visitor
      `presence-visitor-${globex.a.accountId}-${acmeConversation}`,
    ];
    for (const channel of forged) {
      expect((await realtimeWebhook(webhook({ time_ms: Date.now(), events: [{ name: "channel_occupied", channel }] }))).status).toBe(200);
    }
    expect(await online(globexConversation)).toBe(false);
    expect(await online(acmeConversation)).toBe(false);
    expect(await presenceEvents()).toHaveLength(before);
    // The visitor's own account-scoped channel is what counts.
    await realtimeWebhook(webhook({ time_ms: Date.now(), events: [{ name: "channel_occupied", channel: `presence-visitor-${globex.a.accountId}-${globexConversation}` }] }));
    expect(await online(globexConversation)).toBe(true);
    expect(await online(acmeConversation)).toBe(false);
  });
});
