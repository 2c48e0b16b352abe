import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { contacts, conversations, emailInboxes, mailLocalMailbox, messageDeliveries, messages, messengerPages, smsLocalMailbox, smsNumbers } from "@/db/schema";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import { createBotApiKey } from "@/lib/channels/bot/bot-api-keys";
import { channelConfig } from "@/lib/channels/channel-config";
import { deliverOutbound } from "@/lib/channels/delivery/deliver-outbound";
import { replyAddressFor } from "@/lib/channels/email/reply-address";
import { messengerSignature } from "@/lib/channels/messenger/webhook-verification";
import { smsRequestSignature } from "@/lib/channels/sms/request-signature";
import { reply } from "@/lib/inbox/reply";
import { retryDelivery } from "@/lib/inbox/retry-delivery";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));

const { POST: emailHook } = await import("./email/route");
const { GET: messengerHandshake, POST: messengerHook } = await import("./messenger/route");
const { POST: smsHook } = await import("./sms/route");
const { POST: botPost } = await import("../bot/messages/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
});

const config = channelConfig();
const count = async (table: "messages" | "contacts" | "conversations") =>
  Number((await rowsOf<{ n: string }>(t.db, sql.raw(`SELECT count(*)::text AS n FROM ${table}`)))[0].n);

async function setup() {
  const a = await createInboxAccount(t.db);
  await t.db.insert(emailInboxes).values({ accountId: a.accountId, address: `support-${a.accountId.slice(0, 8)}@inbound.conversations.local` });
  await t.db.insert(smsNumbers).values({ accountId: a.accountId, number: `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`, label: "Main" });
  await t.db.insert(messengerPages).values({ accountId: a.accountId, pageId: `page-${a.accountId.slice(0, 8)}`, name: "Demo page" });
  const [inboxRow] = await t.db.select().from(emailInboxes).where(eq(emailInboxes.accountId, a.accountId));
  const [numberRow] = await t.db.select().from(smsNumbers).where(eq(smsNumbers.accountId, a.accountId));
  return { ...a, inboxAddress: inboxRow.address, smsNumber: numberRow.number, pageId: `page-${a.accountId.slice(0, 8)}` };
}

const mime = (o: { from: string; to: string; subject?: string; body: string; messageId?: string; inReplyTo?: string }) =>
  [
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${o.subject ?? "Help"}`,
    ...(o.messageId ? [`Message-ID: ${o.messageId}`] : []),
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body,
    "",
  ].join("\r\n");

const emailRequest = (raw: string, secret: string | null = config.emailWebhookSecret) =>
  new Request("http://app.test/api/webhooks/email", {
    method: "POST",
    headers: { "content-type": "message/rfc822", ...(secret ? { "x-email-webhook-secret": secret } : {}) },
    body: raw,
  });

describe("POST /api/webhooks/email", () => {
  test("unknown sender → new contact and conversation; the same Message-ID twice → one message", async () => {
    const a = await setup();
    const raw = mime({ from: "Dana <dana@example.com>", to: a.inboxAddress, body: "My order is late", messageId: "<m1@example.com>" });
    const first = await emailHook(emailRequest(raw));
    expect(first.status).toBe(201);
    const value = await first.json();
    expect(value).toMatchObject({ createdConversation: true, duplicate: false });
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.email, "dana@example.com"));
    expect(contact).toMatchObject({ name: "Dana", accountId: a.accountId });
    const again = await emailHook(emailRequest(raw));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, conversationId: value.conversationId });
    expect(await t.db.select().from(messages).where(eq(messages.conversationId, value.conversationId))).toHaveLength(1);
  });

  test("a reply to our email lands in its conversation, by reply address and by In-Reply-To", async () => {
    const a = await setup();
    const first = await (await emailHook(emailRequest(mime({ from: "dana@example.com", to: a.inboxAddress, body: "first", messageId: "<q1@example.com>" })))).json();
    const sent = await reply({ db: t.db, actor: a.alice, input: { conversationId: first.conversationId, channel: "email", body: "We are on it" } });
    if (!sent.ok) throw new Error(sent.error);
    expect(await t.db.select().from(mailLocalMailbox)).toHaveLength(0);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const [row] = await t.db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, sent.value.messageId));
    expect(row).toMatchObject({ status: "sent", attempts: 1, toAddress: "dana@example.com" });
    expect(row.providerMessageId).toMatch(/^<.+@.+>$/);
    const [mailed] = await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, a.accountId));
    expect(mailed.subject).toBe("Re: Help");
    expect(JSON.stringify(mailed.message)).toContain("q1@example.com");
    // Delivering twice never sends twice.
    const job = { accountId: a.accountId, messageId: sent.value.messageId };
    expect(await deliverOutbound({ db: t.db, job })).toMatchObject({ alreadySent: true });
    expect(await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, a.accountId))).toHaveLength(1);

    const byHeader = await (
      await emailHook(emailRequest(mime({ from: "dana@example.com", to: a.inboxAddress, body: "thanks", messageId: "<q2@example.com>", inReplyTo: row.providerMessageId! })))
    ).json();
    expect(byHeader).toMatchObject({ conversationId: first.conversationId, createdConversation: false });
    const byAddress = await (
      await emailHook(emailRequest(mime({ from: "dana@example.com", to: replyAddressFor(first.conversationId), body: "and more", messageId: "<q3@example.com>" })))
    ).json();
    expect(byAddress).toMatchObject({ conversationId: first.conversationId, createdConversation: false });
  });

  test("bad secret, broken MIME, no sender, unknown recipient, huge body → clear 4xx and nothing stored", async () => {
    const a = await setup();
    const ok = mime({ from: "eve@example.com", to: a.inboxAddress, body: "hi", messageId: "<e1@example.com>" });
    const before = await count("messages");
    expect((await emailHook(emailRequest(ok, "wrong"))).status).toBe(401);
    expect((await emailHook(emailRequest(ok, null))).status).toBe(401);
    const broken = await emailHook(emailRequest("this is not an email at all"));
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect((await broken.json()).error).toBeTruthy();
    expect((await emailHook(emailRequest(""))).status).toBe(400);
    expect((await emailHook(emailRequest(mime({ from: "not an address", to: a.inboxAddress, body: "x" })))).status).toBe(422);
    expect((await emailHook(emailRequest(mime({ from: "eve@example.com", to: "nobody@elsewhere.test", body: "x" })))).status).toBe(404);
    // The limit is 5 MB of text plus room for attachments of MAX_ATTACHMENT_MB (here ¼ MB) twice over.
    vi.stubEnv("MAX_ATTACHMENT_MB", "0.25");
    const huge = mime({ from: "eve@example.com", to: a.inboxAddress, body: "x".repeat(6 * 1024 * 1024) });
    expect((await emailHook(emailRequest(huge))).status).toBe(413);
    vi.unstubAllEnvs();
    expect(await count("messages")).toBe(before);
    expect(await t.db.select().from(contacts).where(eq(contacts.email, "eve@example.com"))).toHaveLength(0);
  });

  test("script tags in HTML mail never reach the stored body", async () => {
    const a = await setup();
    const raw = [
      "From: mal@example.com",
      `To: ${a.inboxAddress}`,
      "Subject: hi",
      "Message-ID: <x1@example.com>",
      "Content-Type: text/html; charset=utf-8",
      "",
      "<p>Hello</p><script>alert(1)</script><img src=x onerror=alert(2)>",
    ].join("\r\n");
    const res = await emailHook(emailRequest(raw));
    expect(res.status).toBe(201);
    const [m] = await t.db.select().from(messages).where(eq(messages.externalId, "<x1@example.com>"));
    expect(m.body).toContain("Hello");
    expect(m.body).not.toMatch(/script|alert|onerror/);
  });
});

const smsRequest = (params: Record<string, string>, signature?: string) => {
  const url = "http://app.test/api/webhooks/sms";
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature ?? smsRequestSignature(url, params, config.smsAuthToken) },
    body: new URLSearchParams(params),
  });
};

describe("POST /api/webhooks/sms", () => {
  test("a signed text creates a contact by phone, is idempotent on MessageSid; the reply goes from the picked number", async () => {
    const a = await setup();
    const params = { MessageSid: "SM0123456789abcdef", From: "+14155550199", To: a.smsNumber, Body: "Is the store open?" };
    expect((await smsHook(smsRequest(params))).status).toBe(200);
    expect((await smsHook(smsRequest(params))).status).toBe(200);
    const stored = await t.db.select().from(messages).where(eq(messages.externalId, "SM0123456789abcdef"));
    expect(stored).toHaveLength(1);
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.phone, "+14155550199"));
    expect(contact.accountId).toBe(a.accountId);

    const sent = await reply({ db: t.db, actor: a.bob, input: { conversationId: stored[0].conversationId, channel: "sms", body: "Yes, until 6" } });
    if (!sent.ok) throw new Error(sent.error);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const [out] = await t.db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, a.accountId));
    expect(out).toMatchObject({ from: a.smsNumber, to: "+14155550199", body: "Yes, until 6" });
  });

  test("Send takes one of the account's numbers: another is refused with nothing stored; the pick sends, from its job", async () => {
    const a = await setup();
    const params = { MessageSid: "SM00000000000pick1", From: "+14155550198", To: a.smsNumber, Body: "Hi" };
    expect((await smsHook(smsRequest(params))).status).toBe(200);
    const [{ conversationId }] = await t.db.select().from(messages).where(eq(messages.externalId, "SM00000000000pick1"));
    const before = await count("messages");
    const input = { conversationId, channel: "sms", body: "From where?" };
    expect(await reply({ db: t.db, actor: a.bob, input: { ...input, smsFrom: "+19995550100" } })).toEqual({
      ok: false,
      error: "Pick one of the account's SMS numbers.",
      fieldErrors: { smsFrom: "Pick one of the account's SMS numbers." },
    });
    expect(await count("messages")).toBe(before);
    const sent = await reply({ db: t.db, actor: a.bob, input: { ...input, smsFrom: a.smsNumber } });
    expect(sent).toMatchObject({ ok: true, value: { smsFrom: a.smsNumber } });
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const [out] = await t.db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, a.accountId));
    expect(out).toMatchObject({ from: a.smsNumber, to: "+14155550198", body: "From where?" });
  });

  test("a bad signature, missing fields or a too-long body are refused with nothing stored", async () => {
    const a = await setup();
    const before = await count("messages");
    const params = { MessageSid: "SMbad0000000000001", From: "+14155550100", To: a.smsNumber, Body: "hello" };
    expect((await smsHook(smsRequest(params, "forged"))).status).toBe(403);
    expect((await smsHook(smsRequest({ ...params, Body: "tampered" }, smsRequestSignature("http://app.test/api/webhooks/sms", params, config.smsAuthToken)))).status).toBe(403);
    expect((await smsHook(smsRequest({ MessageSid: "SMbad0000000000002", To: a.smsNumber, Body: "x" }))).status).toBe(400);
    expect((await smsHook(smsRequest({ ...params, Body: "x".repeat(2000) }))).status).toBe(400);
    expect((await smsHook(smsRequest({ ...params, To: "+19999999999" }))).status).toBe(404);
    expect(await count("messages")).toBe(before);
  });
});

const messengerBody = (pageId: string, mid: string, text: string, psid = "psid-1") =>
  JSON.stringify({ object: "page", entry: [{ id: pageId, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, text } }] }] });
const messengerRequest = (body: string, signature = messengerSignature(body, config.messengerAppSecret)) =>
  new Request("http://app.test/api/webhooks/messenger", { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signature }, body });

describe("/api/webhooks/messenger", () => {
  test("the handshake echoes the challenge only with the verify token", async () => {
    const ok = await messengerHandshake(
      new Request(`http://app.test/api/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${config.messengerVerifyToken}&hub.challenge=4242`),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("4242");
    expect((await messengerHandshake(new Request("http://app.test/api/webhooks/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"))).status).toBe(403);
  });

  test("a signed message creates a conversation without a contact record; retries add nothing; forged or malformed → 4xx", async () => {
    const a = await setup();
    const contactsBefore = await count("contacts");
    const body = messengerBody(a.pageId, "mid.1", "Hello page");
    const res = await messengerHook(messengerRequest(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 1 });
    expect(await (await messengerHook(messengerRequest(body))).json()).toMatchObject({ received: 0, duplicates: 1 });
    expect(await count("contacts")).toBe(contactsBefore);
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.messengerPsid, "psid-1"));
    expect(conversation).toMatchObject({ contactId: null, accountId: a.accountId });

    const before = await count("messages");
    expect((await messengerHook(messengerRequest(messengerBody(a.pageId, "mid.2", "x"), "sha256=00"))).status).toBe(403);
    expect((await messengerHook(messengerRequest("{not json"))).status).toBe(400);
    expect((await messengerHook(messengerRequest(JSON.stringify({ object: "page", entry: [{ id: "p", messaging: [{ sender: {} }] }] })))).status).toBe(400);
    expect(await count("messages")).toBe(before);
  });

  test("the 24-hour window: a reply at 23:59 goes out, at 24:01 it is refused", async () => {
    const a = await setup();
    await messengerHook(messengerRequest(messengerBody(a.pageId, "mid.w", "hi", "psid-w")));
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.messengerPsid, "psid-w"));
    const setLastInbound = (minutesAgo: number) =>
      t.db.update(conversations).set({ lastInboundAt: new Date(Date.now() - minutesAgo * 60_000) }).where(eq(conversations.id, conversation.id));
    await setLastInbound(23 * 60 + 59);
    const inWindow = await reply({ db: t.db, actor: a.alice, input: { conversationId: conversation.id, channel: "messenger", body: "still here" } });
    expect(inWindow.ok).toBe(true);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    if (inWindow.ok) {
      const [row] = await t.db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, inWindow.value.messageId));
      expect(row).toMatchObject({ status: "sent" });
    }
    await setLastInbound(24 * 60 + 1);
    const late = await reply({ db: t.db, actor: a.alice, input: { conversationId: conversation.id, channel: "messenger", body: "too late" } });
    expect(late).toMatchObject({ ok: false, error: expect.stringContaining("24 hours") });
  });
});

describe("POST /api/bot/messages", () => {
  test("a bot key posts as the bot (robot avatar); a wrong key or bad body changes nothing", async () => {
    const a = await setup();
    const first = await (await emailHook(emailRequest(mime({ from: "fay@example.com", to: a.inboxAddress, body: "hi", messageId: "<b1@example.com>" })))).json();
    const created = await createBotApiKey({ db: t.db, actor: a.owner, input: { name: "Workflow" } });
    if (!created.ok) throw new Error(created.error);
    const post = (body: unknown, key = created.value.key) =>
      botPost(new Request("http://app.test/api/bot/messages", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    const before = await count("messages");
    expect((await post({ conversationId: first.conversationId, channel: "chat", body: "hi" }, "cbk_wrongwrongwrongwrongwrongwrongwr")).status).toBe(401);
    expect((await post({ conversationId: first.conversationId, channel: "fax", body: "hi" })).status).toBe(400);
    expect((await post({ conversationId: first.conversationId, channel: "email" })).status).toBe(400);
    expect(await count("messages")).toBe(before);
    const ok = await post({ conversationId: first.conversationId, channel: "email", body: "Automatic answer", externalId: "wf-1" });
    expect(ok.status).toBe(201);
    expect((await post({ conversationId: first.conversationId, channel: "email", body: "Automatic answer", externalId: "wf-1" })).status).toBe(201);
    const bots = await t.db.select().from(messages).where(eq(messages.senderKind, "bot"));
    expect(bots.filter((m) => m.conversationId === first.conversationId)).toHaveLength(1);
  });
});

describe("deliverOutbound", () => {
  test("a send that cannot succeed fails at once (status, attempts, reason); Retry after fixing sends it once", async () => {
    const a = await createInboxAccount(t.db);
    const smsParams = { MessageSid: "SMretry00000000001", From: "+14155550142", To: "+14155559999", Body: "hello" };
    const [num] = await t.db.insert(smsNumbers).values({ accountId: a.accountId, number: "+14155559999", label: "" }).returning();
    expect((await smsHook(smsRequest(smsParams))).status).toBe(200);
    const [inbound] = await t.db.select().from(messages).where(eq(messages.externalId, "SMretry00000000001"));
    const sent = await reply({ db: t.db, actor: a.alice, input: { conversationId: inbound.conversationId, channel: "sms", body: "answer" } });
    if (!sent.ok) throw new Error(sent.error);
    // The number is removed between the reply and its delivery.
    await t.db.delete(smsNumbers).where(eq(smsNumbers.id, num.id));
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const row = async () => (await t.db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, sent.value.messageId)))[0];
    expect(await row()).toMatchObject({ status: "failed", attempts: 1, lastError: "The account has no SMS number." });
    // The message itself stays in the thread.
    expect(await t.db.select().from(messages).where(eq(messages.id, sent.value.messageId))).toHaveLength(1);

    await t.db.insert(smsNumbers).values({ accountId: a.accountId, number: "+14155559999", label: "" });
    expect(await retryDelivery({ db: t.db, actor: a.alice, input: { messageId: sent.value.messageId } })).toMatchObject({ ok: true });
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    expect(await row()).toMatchObject({ status: "sent", attempts: 2, fromAddress: "+14155559999" });
    expect(await t.db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, a.accountId))).toHaveLength(1);
    // Another account cannot deliver (or learn about) this message.
    const other = await createInboxAccount(t.db);
    expect(await deliverOutbound({ db: t.db, job: { accountId: other.accountId, messageId: sent.value.messageId } })).toMatchObject({ status: "failed" });
    expect(await t.db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, a.accountId))).toHaveLength(1);
  });
});
