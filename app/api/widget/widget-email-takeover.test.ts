import { and, desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { contacts, conversations, emailInboxes, mailLocalMailbox, messageDeliveries, messages } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { channelConfig } from "@/lib/channels/channel-config";
import { issueEmailVerificationToken } from "@/lib/channels/webchat/visitor-email-verification";
import { ensureWidgetKey } from "@/lib/channels/webchat/widget-key";
import { reply } from "@/lib/inbox/reply";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));

const { POST: startSession } = await import("./session/route");
const { GET: history } = await import("./history/route");
const { POST: sendMessage } = await import("./messages/route");
const { POST: captureEmail } = await import("./email/route");
const { GET: verifyPage, POST: verify } = await import("./email/verify/route");
const { POST: emailHook } = await import("../webhooks/email/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
});

let ip = 0;
const json = (url: string, body: unknown, token?: string) =>
  new Request(`http://app.test${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-conversations-socket-address": `10.2.0.${++ip % 250}`, ...(token ? { "x-visitor-token": token } : {}) },
    body: JSON.stringify(body),
  });
const get = (url: string, token?: string) =>
  new Request(`http://app.test${url}`, { headers: { "x-conversations-socket-address": `10.2.1.${++ip % 250}`, ...(token ? { "x-visitor-token": token } : {}) } });
const confirm = (token: string) =>
  verify(
    new Request("http://app.test/api/widget/email/verify", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-conversations-socket-address": `10.2.2.${++ip % 250}` },
      body: new URLSearchParams({ token }).toString(),
    }),
  );
const mime = (o: { from: string; to: string; body: string; messageId: string; inReplyTo?: string }) =>
  [
    `From: ${o.from}`,
    `To: ${o.to}`,
    "Subject: Private matter",
    `Message-ID: ${o.messageId}`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body,
    "",
  ].join("\r\n");
const mailIn = async (raw: string) => {
  const res = await emailHook(
    new Request("http://app.test/api/webhooks/email", {
      method: "POST",
      headers: { "content-type": "message/rfc822", "x-email-webhook-secret": channelConfig().emailWebhookSecret },
      body: raw,
    }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { conversationId: string };
};

/** A visitor who wrote one chat message, on an account that receives mail. */
async function chattingVisitor() {
  const a = await createInboxAccount(t.db);
  const inbox = `support-${a.accountId.slice(0, 8)}@inbound.conversations.local`;
  await t.db.insert(emailInboxes).values({ accountId: a.accountId, address: inbox });
  const widgetKey = await ensureWidgetKey({ db: t.db, accountId: a.accountId });
  const s = await (await startSession(json("/api/widget/session", { widgetKey }))).json();
  const sent = await (await sendMessage(json("/api/widget/messages", { body: "Hi from the chat", clientMessageId: crypto.randomUUID() }, s.token))).json();
  const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, sent.conversationId));
  return { a, inbox, token: s.token as string, conversationId: sent.conversationId as string, contactId: conversation.contactId! };
}
const widgetBodies = async (token: string) => ((await (await history(get("/api/widget/history", token))).json()).messages as { body: string }[]).map((m) => m.body);
/** The mails sent to `to`, once the job runner has sent what is queued. */
const verificationMails = async (to: string) => {
  await runQueuedJobs({ db: t.db });
  return t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.to, to)).orderBy(desc(mailLocalMailbox.createdAt));
};

describe("a visitor who types a stranger's address (issue 12, item 1)", () => {
  test("mail from that address never joins the visitor's chat, and the widget never shows it", async () => {
    const v = await chattingVisitor();
    const captured = await captureEmail(json("/api/widget/email", { email: "Stranger@Example.com" }, v.token));
    expect(captured.status).toBe(200);
    expect(await captured.json()).toEqual({ email: "stranger@example.com", verified: false });
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, v.contactId));
    expect(contact).toMatchObject({ email: "stranger@example.com", emailVerified: false });
    // A confirmation link went to the address, through the app's mail sending.
    const [mail] = await verificationMails("stranger@example.com");
    expect(mail.text).toMatch(/http:\/\/app\.test\/api\/widget\/email\/verify\?token=/);

    // The stranger writes to the account: their mail starts their own conversation.
    const theirs = await mailIn(mime({ from: "Stranger <stranger@example.com>", to: v.inbox, body: "My bank details are 1234", messageId: "<s1@example.com>" }));
    expect(theirs.conversationId).not.toBe(v.conversationId);

    // An agent may still write to the unconfirmed address (offline reply)…
    const answered = await reply({ db: t.db, actor: v.a.alice, input: { conversationId: v.conversationId, channel: "email", body: "Agent reply by email" } });
    if (!answered.ok) throw new Error(answered.error);
    await runQueuedJobs({ db: t.db });
    const [delivery] = await t.db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, answered.value.messageId));
    // …and the stranger answering that mail (threaded by its headers) is still filed under the stranger.
    const answer = await mailIn(
      mime({ from: "stranger@example.com", to: v.inbox, body: "Who are you? My password is hunter2", messageId: "<s2@example.com>", inReplyTo: delivery.providerMessageId! }),
    );
    expect(answer.conversationId).not.toBe(v.conversationId);

    const inVisitorThread = await t.db.select({ body: messages.body }).from(messages).where(eq(messages.conversationId, v.conversationId));
    expect(inVisitorThread.map((m) => m.body).join("\n")).not.toMatch(/bank details|hunter2/);
    const shown = await widgetBodies(v.token);
    expect(shown).toEqual(["Hi from the chat"]);
  });

  test("the widget history shows only chat messages, never email of the same conversation", async () => {
    const v = await chattingVisitor();
    // A confirmed address (e.g. the agent typed it): mail from it joins the thread in the inbox…
    await t.db.update(contacts).set({ email: "owner@example.com", emailVerified: true }).where(eq(contacts.id, v.contactId));
    const joined = await mailIn(mime({ from: "owner@example.com", to: v.inbox, body: "Sent by email", messageId: "<o1@example.com>" }));
    expect(joined.conversationId).toBe(v.conversationId);
    const emailed = await reply({ db: t.db, actor: v.a.alice, input: { conversationId: v.conversationId, channel: "email", body: "Answered by email" } });
    const chatted = await reply({ db: t.db, actor: v.a.alice, input: { conversationId: v.conversationId, channel: "chat", body: "Answered in the chat" } });
    expect(emailed.ok && chatted.ok).toBe(true);
    // …but the widget shows only what was said in the chat.
    expect(await widgetBodies(v.token)).toEqual(["Hi from the chat", "Answered in the chat"]);
  });

  test("opening the mailed link confirms the address; then mail from it joins the chat's conversation in the inbox", async () => {
    const v = await chattingVisitor();
    await captureEmail(json("/api/widget/email", { email: "me@example.com" }, v.token));
    const [mail] = await verificationMails("me@example.com");
    const link = new URL(mail.text.match(/http\S+/)![0]);
    // Fetching the link (as a mail scanner would) confirms nothing: it shows a button.
    const pageRes = await verifyPage(new Request(link));
    expect(await pageRes.text()).toContain("Confirm my email");
    expect((await t.db.select().from(contacts).where(eq(contacts.id, v.contactId)))[0].emailVerified).toBe(false);

    // Forged and altered tokens are refused, changing nothing.
    const token = link.searchParams.get("token")!;
    expect((await confirm(`${token}x`)).status).toBe(400);
    // Another last character of the signature (a fixed "A" was no change at all one time in 16).
    const fresh = issueEmailVerificationToken({ contactId: v.contactId, email: "me@example.com" });
    expect((await confirm(fresh.slice(0, -1) + (fresh.endsWith("A") ? "B" : "A"))).status).toBe(400);
    expect((await confirm("")).status).toBe(400);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, v.contactId)))[0].emailVerified).toBe(false);

    const ok = await confirm(token);
    expect(ok.status).toBe(200);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, v.contactId)))[0]).toMatchObject({ email: "me@example.com", emailVerified: true });
    const joined = await mailIn(mime({ from: "me@example.com", to: v.inbox, body: "By email now", messageId: "<m1@example.com>" }));
    expect(joined.conversationId).toBe(v.conversationId);
  });

  test("a link for an earlier address confirms nothing once the visitor typed another; an expired link is refused", async () => {
    const v = await chattingVisitor();
    await captureEmail(json("/api/widget/email", { email: "first@example.com" }, v.token));
    const old = issueEmailVerificationToken({ contactId: v.contactId, email: "first@example.com" });
    await captureEmail(json("/api/widget/email", { email: "second@example.com" }, v.token));
    expect((await confirm(old)).status).toBe(400);
    const expired = issueEmailVerificationToken({ contactId: v.contactId, email: "second@example.com", now: new Date(Date.now() - 4 * 24 * 3600 * 1000) });
    expect((await confirm(expired)).status).toBe(400);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, v.contactId)))[0]).toMatchObject({ email: "second@example.com", emailVerified: false });
  });

  test("typing an address the account already knows answers the same as any other (no enumeration) and takes nothing from its owner", async () => {
    const v = await chattingVisitor();
    const known = await mailIn(mime({ from: "known@example.com", to: v.inbox, body: "Earlier email", messageId: "<k1@example.com>" }));
    const res = await captureEmail(json("/api/widget/email", { email: "known@example.com" }, v.token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: "known@example.com", verified: false });
    // The owner keeps their contact and thread.
    const again = await mailIn(mime({ from: "known@example.com", to: v.inbox, body: "Later email", messageId: "<k2@example.com>" }));
    expect(again.conversationId).toBe(known.conversationId);
    const owners = await t.db.select().from(contacts).where(and(eq(contacts.email, "known@example.com"), eq(contacts.emailVerified, true)));
    expect(owners).toHaveLength(1);
    expect(owners[0].id).not.toBe(v.contactId);
    // Even with the link, the address stays with the contact that already had it.
    expect((await confirm(issueEmailVerificationToken({ contactId: v.contactId, email: "known@example.com" }))).status).toBe(400);
  });
});
