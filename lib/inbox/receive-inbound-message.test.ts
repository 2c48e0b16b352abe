import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { contacts, conversations, events, messages } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { completeConversation } from "./complete";
import { receiveInboundMessage } from "./receive-inbound-message";
import { createInboxAccount, inbound, notificationsOf, statusMessagesOf } from "./inbox.fixtures";

const t = useTestDatabase();

describe("receiveInboundMessage", () => {
  test("a new conversation arrives Unassigned and every Agent — not viewers, not No access — is notified", async () => {
    const a = await createInboxAccount(t.db);
    const result = await inbound(t.db, a.accountId);
    expect(result).toMatchObject({ createdConversation: true, duplicate: false });
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, result.conversationId));
    expect(conversation).toMatchObject({ status: "open", assigneeId: null, unread: true, number: 1, channels: ["email"] });
    for (const agent of [a.owner, a.alice, a.bob, a.carol]) {
      expect((await notificationsOf(t.db, agent.userId)).map((n) => n.kind)).toEqual(["new_conversation"]);
    }
    for (const other of [a.viewer, a.viewerAdmin, a.nobody]) expect(await notificationsOf(t.db, other.userId)).toHaveLength(0);
    const types = (await t.db.select().from(events)).map((e) => e.type);
    expect(types).toContain("conversation.changed");
    expect(types.filter((x) => x === "notification.created")).toHaveLength(4);
  });

  test("the same sender's next message is appended to their conversation; numbers are per account", async () => {
    const a = await createInboxAccount(t.db, "A");
    const b = await createInboxAccount(t.db, "B");
    const first = await inbound(t.db, a.accountId, { body: "one" });
    const second = await inbound(t.db, a.accountId, { body: "two" });
    expect(second).toMatchObject({ conversationId: first.conversationId, createdConversation: false });
    const other = await inbound(t.db, a.accountId, { email: "dan@example.com" });
    const inB = await inbound(t.db, b.accountId);
    const numbers = await t.db.select({ id: conversations.id, number: conversations.number }).from(conversations);
    const numberOf = (id: string) => numbers.find((n) => n.id === id)!.number;
    expect([numberOf(first.conversationId), numberOf(other.conversationId), numberOf(inB.conversationId)]).toEqual([1, 2, 1]);
    const [c] = await t.db.select().from(conversations).where(eq(conversations.id, first.conversationId));
    expect(c.lastMessagePreview).toBe("two");
  });

  test("a message to a Complete conversation reopens it (Open, Unassigned) and notifies every Agent", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    expect((await completeConversation({ db: t.db, actor: a.alice, input: { conversationId } })).ok).toBe(true);
    const again = await inbound(t.db, a.accountId, { body: "Me again" });
    expect(again).toMatchObject({ conversationId, reopened: true });
    const [c] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(c).toMatchObject({ status: "open", assigneeId: null, unread: true });
    for (const agent of [a.owner, a.alice, a.bob, a.carol]) {
      expect((await notificationsOf(t.db, agent.userId)).map((n) => n.kind).sort()).toEqual(["new_conversation", "reopened"]);
    }
    expect(await notificationsOf(t.db, a.viewer.userId)).toHaveLength(0);
    expect((await statusMessagesOf(t.db, conversationId)).map((m) => m.statusAction)).toEqual(["completed", "reopened"]);
  });

  test("the same external id delivered twice stores one message", async () => {
    const a = await createInboxAccount(t.db);
    const first = await inbound(t.db, a.accountId, { externalId: "msg-1" });
    const again = await inbound(t.db, a.accountId, { externalId: "msg-1" });
    expect(again).toMatchObject({ duplicate: true, messageId: first.messageId, conversationId: first.conversationId });
    expect(await t.db.select().from(messages)).toHaveLength(1);
    expect(await notificationsOf(t.db, a.alice.userId)).toHaveLength(1);
  });

  test("the same external id delivered many times at once stores one message and one conversation", async () => {
    const a = await createInboxAccount(t.db);
    const results = await Promise.all(Array.from({ length: 10 }, () => inbound(t.db, a.accountId, { externalId: "burst-1" })));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await t.db.select().from(messages)).toHaveLength(1);
    expect(await t.db.select().from(conversations)).toHaveLength(1);
  });

  test("Messenger visitors get no contact record: the conversation carries their identity", async () => {
    const a = await createInboxAccount(t.db);
    const input = (externalId: string) => ({
      accountId: a.accountId,
      channel: "messenger" as const,
      externalId,
      sender: { messenger: { psid: "psid-42", name: "Mia Messenger" } },
      body: "Hi from Messenger",
    });
    const one = await receiveInboundMessage({ db: t.db, input: input("m1") });
    const two = await receiveInboundMessage({ db: t.db, input: input("m2") });
    if (!one.ok || !two.ok) throw new Error("inbound failed");
    expect(two.value.conversationId).toBe(one.value.conversationId);
    expect(await t.db.select().from(contacts)).toHaveLength(0);
    const [c] = await t.db.select().from(conversations);
    expect(c).toMatchObject({ contactId: null, externalName: "Mia Messenger", messengerPsid: "psid-42" });
  });

  test("bad input gets a clear error and changes nothing; another account's contact is refused", async () => {
    const a = await createInboxAccount(t.db, "A");
    const b = await createInboxAccount(t.db, "B");
    const base = { accountId: a.accountId, channel: "email" as const, externalId: "x1", sender: { contact: { email: "ok@example.com" } }, body: "hi" };
    expect(await receiveInboundMessage({ db: t.db, input: { ...base, body: "   " } })).toMatchObject({ ok: false, error: "The message is empty." });
    expect(await receiveInboundMessage({ db: t.db, input: { ...base, channel: "fax" } })).toMatchObject({ ok: false, error: "Unknown channel." });
    expect(await receiveInboundMessage({ db: t.db, input: { ...base, sender: { contact: { email: "not-an-email" } } } })).toMatchObject({
      ok: false,
      error: "Enter a valid email address.",
    });
    const inB = await inbound(t.db, b.accountId);
    const [bContact] = await t.db.select().from(contacts).where(eq(contacts.accountId, b.accountId));
    expect(await receiveInboundMessage({ db: t.db, input: { ...base, sender: { contactId: bContact.id } } })).toMatchObject({ ok: false, error: "Unknown contact." });
    expect(await receiveInboundMessage({ db: t.db, input: { ...base, conversationId: inB.conversationId } })).toMatchObject({
      ok: false,
      error: "Conversation not found.",
    });
    expect(await t.db.select().from(conversations).where(eq(conversations.accountId, a.accountId))).toHaveLength(0);
    expect(await t.db.select().from(messages).where(eq(messages.accountId, a.accountId))).toHaveLength(0);
  });
});
