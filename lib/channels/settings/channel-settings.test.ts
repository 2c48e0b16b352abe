import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channelConfigChanges, conversations, emailInboxes, events, messages, messengerPages, smsNumbers } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { emailSettings, sendTestEmail, setEmailSender, setInboundSlug } from "@/lib/channels/email/email-channel-settings";
import { receiveInboundEmail } from "@/lib/channels/email/receive-inbound-email";
import { connectMessengerPage, disconnectMessengerPage, listMessengerPages } from "@/lib/channels/messenger/messenger-pages";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { addSmsNumber, removeSmsNumber } from "@/lib/channels/sms/sms-number-settings";
import { accountHasSmsNumber, accountOfSmsNumber } from "@/lib/message-channels/sms-numbers";
import { channelStatus, lastInboundByChannel, timeAgo } from "./channel-status";

const t = useTestDatabase();
let serial = 0;
const unique = () => `${process.pid}${++serial}${Date.now() % 100000}`;

describe("SMS numbers", () => {
  it("an admin adds and removes E.164 numbers with labels; audit and event; inbound then stops", async () => {
    const a = await createInboxAccount(t.db);
    const number = `+1415${unique().slice(-7)}`;
    expect(await accountHasSmsNumber({ db: t.db, accountId: a.accountId })).toBe(false);
    const added = await addSmsNumber({ db: t.db, actor: a.owner, input: { number: number.replace(/^(\+1)(\d{3})/, "$1 ($2) "), label: "Support line" } });
    if (!added.ok) throw new Error(added.error);
    expect(added.value.number).toBe(number);
    expect(await accountOfSmsNumber({ db: t.db, number })).toBe(a.accountId);
    expect(await accountHasSmsNumber({ db: t.db, accountId: a.accountId })).toBe(true);
    expect(await removeSmsNumber({ db: t.db, actor: a.viewerAdmin, input: { id: added.value.id } })).toMatchObject({ ok: true });
    expect(await accountOfSmsNumber({ db: t.db, number })).toBeNull();
    const audit = await t.db.select().from(channelConfigChanges).where(eq(channelConfigChanges.accountId, a.accountId));
    expect(audit.map((r) => r.summary)).toEqual([`Added the number ${number} (Support line).`, `Removed the number ${number}.`]);
    const emitted = await t.db.select().from(events).where(eq(events.accountId, a.accountId));
    expect(emitted.map((e) => e.payload)).toEqual([{ channel: "sms" }, { channel: "sms" }]);
  });

  it("bad numbers, taken numbers, other roles and other accounts change nothing", async () => {
    const a = await createInboxAccount(t.db);
    const b = await createInboxAccount(t.db, "Other Co");
    for (const bad of ["", "4155550100", "+0155550100", "+1 415 CALL ME", "+1234567890123456"]) {
      expect(await addSmsNumber({ db: t.db, actor: a.owner, input: { number: bad } })).toMatchObject({ ok: false, fieldErrors: { number: expect.any(String) } });
    }
    expect(await addSmsNumber({ db: t.db, actor: a.owner, input: { number: "+14155550100", label: "x".repeat(61) } })).toMatchObject({ ok: false });
    for (const actor of [a.alice, a.viewer, a.nobody]) {
      await expect(addSmsNumber({ db: t.db, actor, input: { number: "+14155550100" } })).rejects.toThrow(ForbiddenError);
    }
    const number = `+4420${unique().slice(-8)}`;
    const added = await addSmsNumber({ db: t.db, actor: a.owner, input: { number } });
    if (!added.ok) throw new Error(added.error);
    expect(await addSmsNumber({ db: t.db, actor: b.owner, input: { number } })).toMatchObject({ ok: false, fieldErrors: { number: "This number is already in use." } });
    expect(await removeSmsNumber({ db: t.db, actor: b.owner, input: { id: added.value.id } })).toMatchObject({ ok: false, error: "Number not found." });
    await expect(removeSmsNumber({ db: t.db, actor: a.alice, input: { id: added.value.id } })).rejects.toThrow(ForbiddenError);
    expect(await t.db.select().from(smsNumbers).where(eq(smsNumbers.number, number))).toHaveLength(1);
  });
});

describe("Email channel", () => {
  it("the inbound slug is validated, unique across accounts, and changing it moves the address", async () => {
    const a = await createInboxAccount(t.db);
    const b = await createInboxAccount(t.db, "Other Co");
    const slug = `acme-${unique()}`;
    for (const bad of ["ab", "-acme", "acme-", "ac me", "a..b", "reply", "acme+1", "x".repeat(41)]) {
      expect(await setInboundSlug({ db: t.db, actor: a.owner, input: { slug: bad } })).toMatchObject({ ok: false, fieldErrors: { slug: expect.any(String) } });
    }
    const set = await setInboundSlug({ db: t.db, actor: a.owner, input: { slug: slug.toUpperCase() } });
    expect(set).toMatchObject({ ok: true, value: { address: `${slug}@inbound.conversations.local` } });
    expect(await setInboundSlug({ db: t.db, actor: b.owner, input: { slug } })).toMatchObject({ ok: false, fieldErrors: { slug: "That address is already taken; choose another." } });
    const moved = await setInboundSlug({ db: t.db, actor: a.owner, input: { slug: `${slug}-help` } });
    expect(moved).toMatchObject({ ok: true });
    const inboxes = await t.db.select().from(emailInboxes).where(eq(emailInboxes.accountId, a.accountId));
    expect(inboxes.map((r) => r.address)).toEqual([`${slug}-help@inbound.conversations.local`]);
    // The freed slug can be taken by another account.
    expect(await setInboundSlug({ db: t.db, actor: b.owner, input: { slug } })).toMatchObject({ ok: true });
    for (const actor of [a.alice, a.viewer, a.nobody]) {
      await expect(setInboundSlug({ db: t.db, actor, input: { slug: `z${unique()}` } })).rejects.toThrow(ForbiddenError);
      await expect(emailSettings({ db: t.db, actor })).rejects.toThrow(ForbiddenError);
      await expect(sendTestEmail({ db: t.db, actor, input: {} })).rejects.toThrow(ForbiddenError);
    }
    expect((await emailSettings({ db: t.db, actor: a.viewerAdmin })).changes.map((c) => c.summary)).toEqual([
      `Changed the inbound address from ${slug}@inbound.conversations.local to ${slug}-help@inbound.conversations.local.`,
      `Set the inbound address to ${slug}@inbound.conversations.local.`,
    ]);
  });

  it("mail to the address lands in that account's inbox; the test email travels the same path", async () => {
    const a = await createInboxAccount(t.db);
    expect(await sendTestEmail({ db: t.db, actor: a.owner, input: {} })).toMatchObject({ ok: false, error: expect.stringContaining("inbound address first") });
    const slug = `shop-${unique()}`;
    await setInboundSlug({ db: t.db, actor: a.owner, input: { slug } });
    const raw = `From: Cora Customer <cora-${slug}@example.com>\r\nTo: ${slug}@inbound.conversations.local\r\nSubject: Where is my order?\r\nMessage-ID: <m-${slug}@example.com>\r\n\r\nHello!\r\n`;
    const received = await receiveInboundEmail({ db: t.db, raw });
    if (!received.ok) throw new Error(received.error);
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, received.value.conversationId));
    expect(conversation.accountId).toBe(a.accountId);
    const test = await sendTestEmail({ db: t.db, actor: a.owner, input: {} });
    if (!test.ok) throw new Error(test.error);
    const [message] = await t.db.select().from(messages).where(eq(messages.conversationId, test.value.conversationId));
    expect(message).toMatchObject({ accountId: a.accountId, channel: "email", direction: "in" });
    expect(message.body).toContain("test email sent from Settings → Channels");
  });

  it("sender settings: validated (no header injection), saved, audited", async () => {
    const a = await createInboxAccount(t.db);
    expect(await setEmailSender({ db: t.db, actor: a.owner, input: { fromName: 'Acme "Support"', replyTo: "" } })).toMatchObject({ ok: false, fieldErrors: { fromName: expect.any(String) } });
    expect(await setEmailSender({ db: t.db, actor: a.owner, input: { fromName: "Acme\r\nBcc: x@evil.test", replyTo: "" } })).toMatchObject({ ok: false });
    expect(await setEmailSender({ db: t.db, actor: a.owner, input: { fromName: "Acme", replyTo: "not-an-email" } })).toMatchObject({ ok: false, fieldErrors: { replyTo: expect.any(String) } });
    await expect(setEmailSender({ db: t.db, actor: a.carol, input: { fromName: "Acme" } })).rejects.toThrow(ForbiddenError);
    expect(await setEmailSender({ db: t.db, actor: a.owner, input: { fromName: "Acme Support", replyTo: "Help@Acme.test" } })).toMatchObject({ ok: true, value: { replyTo: "help@acme.test" } });
    expect(await emailSettings({ db: t.db, actor: a.owner })).toMatchObject({ fromName: "Acme Support", replyTo: "help@acme.test" });
  });
});

describe("Messenger pages", () => {
  it("connect (token never listed), duplicate refused, disconnect; other roles and accounts refused", async () => {
    const a = await createInboxAccount(t.db);
    const b = await createInboxAccount(t.db, "Other Co");
    const pageId = `10${unique()}`;
    const token = `EAAB${"x".repeat(40)}`;
    for (const input of [
      { pageId: "abc", name: "Acme", pageAccessToken: token },
      { pageId, name: "", pageAccessToken: token },
      { pageId, name: "Acme", pageAccessToken: "short" },
      { pageId, name: "Acme", pageAccessToken: `${token} <script>` },
    ]) {
      expect(await connectMessengerPage({ db: t.db, actor: a.owner, input })).toMatchObject({ ok: false });
    }
    for (const actor of [a.alice, a.viewer, a.nobody]) {
      await expect(connectMessengerPage({ db: t.db, actor, input: { pageId, name: "Acme", pageAccessToken: token } })).rejects.toThrow(ForbiddenError);
      await expect(listMessengerPages({ db: t.db, actor })).rejects.toThrow(ForbiddenError);
    }
    const connected = await connectMessengerPage({ db: t.db, actor: a.owner, input: { pageId, name: "Acme", pageAccessToken: token } });
    if (!connected.ok) throw new Error(connected.error);
    expect(await connectMessengerPage({ db: t.db, actor: b.owner, input: { pageId, name: "Mine", pageAccessToken: token } })).toMatchObject({
      ok: false,
      fieldErrors: { pageId: "This Page is already connected." },
    });
    const listed = await listMessengerPages({ db: t.db, actor: a.owner });
    expect(listed).toEqual([{ id: connected.value.id, pageId, name: "Acme", hasToken: true }]);
    expect(JSON.stringify(listed)).not.toContain(token);
    const audit = await t.db.select().from(channelConfigChanges).where(eq(channelConfigChanges.accountId, a.accountId));
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(await disconnectMessengerPage({ db: t.db, actor: b.owner, input: { id: connected.value.id } })).toMatchObject({ ok: false });
    expect(await disconnectMessengerPage({ db: t.db, actor: a.viewerAdmin, input: { id: connected.value.id } })).toMatchObject({ ok: true });
    expect(await t.db.select().from(messengerPages).where(eq(messengerPages.pageId, pageId))).toHaveLength(0);
  });
});

describe("status lines", () => {
  it("not set up, connected, last message received", async () => {
    const now = new Date("2026-11-29T12:00:00Z");
    expect(channelStatus({ ready: false })).toEqual({ connected: false, text: "Not set up" });
    expect(channelStatus({ ready: true })).toEqual({ connected: true, text: "Connected" });
    expect(channelStatus({ ready: true, lastInbound: new Date("2026-11-29T11:57:00Z"), now }).text).toBe("Connected · last message received 3 min ago");
    expect(timeAgo(new Date("2026-11-29T11:59:30Z"), now)).toBe("just now");
    expect(timeAgo(new Date("2026-11-26T12:00:00Z"), now)).toBe("3 days ago");
    const a = await createInboxAccount(t.db);
    expect(await lastInboundByChannel({ db: t.db, accountId: a.accountId })).toEqual({});
  });
});
