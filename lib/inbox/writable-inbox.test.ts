import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { accountSeats, contacts, conversations, conversationTags, events, messages, notifications, tags } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { assignConversation } from "./assign";
import { completeConversation } from "./complete";
import { editContact } from "./edit-contact";
import { postBotMessage } from "./post-bot-message";
import { reply } from "./reply";
import { startConversation } from "./start-conversation";
import { tagConversation, untagConversation } from "./tags";
import { createInboxAccount, inbound, type InboxAccount } from "./inbox.fixtures";
import { INBOX_READ_ONLY } from "./writable-inbox";

const t = useTestDatabase();
const day = 24 * 60 * 60 * 1000;

async function setSeats(accountId: string, values: Partial<typeof accountSeats.$inferInsert>) {
  await t.db
    .insert(accountSeats)
    .values({ accountId, ...values })
    .onConflictDoUpdate({ target: accountSeats.accountId, set: values });
}

/** Everything an inbox command could change, for the account. */
async function snapshot(accountId: string) {
  const of = async <T>(rows: Promise<T[]>) => JSON.stringify(await rows);
  return {
    conversations: await of(t.db.select().from(conversations).where(eq(conversations.accountId, accountId)).orderBy(conversations.id)),
    messages: await of(t.db.select().from(messages).where(eq(messages.accountId, accountId)).orderBy(messages.id)),
    contacts: await of(t.db.select().from(contacts).where(eq(contacts.accountId, accountId)).orderBy(contacts.id)),
    tags: await of(t.db.select().from(tags).where(eq(tags.accountId, accountId)).orderBy(tags.id)),
    conversationTags: await of(t.db.select().from(conversationTags).where(eq(conversationTags.accountId, accountId))),
    notifications: await of(t.db.select().from(notifications).where(eq(notifications.accountId, accountId)).orderBy(notifications.id)),
    events: await of(t.db.select().from(events).where(eq(events.accountId, accountId)).orderBy(events.seq)),
  };
}

/** Every mutating inbox command, once each, against one conversation. */
async function everyCommand(a: InboxAccount, conversationId: string, contactId: string, tagId: string) {
  return {
    reply: await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Hello" } }),
    assign: await assignConversation({ db: t.db, actor: a.alice, input: { conversationId, assigneeId: a.bob.userId } }),
    complete: await completeConversation({ db: t.db, actor: a.alice, input: { conversationId } }),
    tag: await tagConversation({ db: t.db, actor: a.alice, input: { conversationId, name: "vip-new" } }),
    untag: await untagConversation({ db: t.db, actor: a.alice, input: { conversationId, tagId } }),
    startConversation: await startConversation({ db: t.db, actor: a.alice, input: { contactId, channel: "email", body: "New thread" } }),
    editContact: await editContact({ db: t.db, actor: a.alice, input: { contactId, name: "Renamed", email: "renamed@example.com", phone: "" } }),
    botMessage: await postBotMessage({ db: t.db, input: { accountId: a.accountId, conversationId, channel: "email", body: "Beep" } }),
  };
}

async function fixture(seats: Partial<typeof accountSeats.$inferInsert>) {
  const a = await createInboxAccount(t.db);
  const { conversationId } = await inbound(t.db, a.accountId);
  const [{ contactId }] = await t.db.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, conversationId));
  const tagged = await tagConversation({ db: t.db, actor: a.alice, input: { conversationId, name: "vip" } });
  if (!tagged.ok) throw new Error(tagged.error);
  await setSeats(a.accountId, seats);
  return { a, conversationId, contactId: contactId!, tagId: tagged.value.tagId };
}

describe("read-only inbox after an unpaid trial", () => {
  test("while the trial runs every command works", async () => {
    const f = await fixture({ trialSeats: 3, trialEndsAt: new Date(Date.now() + 3 * day) });
    const results = await everyCommand(f.a, f.conversationId, f.contactId, f.tagId);
    for (const [name, result] of Object.entries(results)) expect({ name, result }).toEqual({ name, result: expect.objectContaining({ ok: true }) });
  });

  test("after the trial ended unpaid every mutating command is refused and nothing changes", async () => {
    const f = await fixture({ trialSeats: 3, trialEndsAt: new Date(Date.now() - day) });
    const before = await snapshot(f.a.accountId);
    const results = await everyCommand(f.a, f.conversationId, f.contactId, f.tagId);
    for (const [name, result] of Object.entries(results)) {
      expect({ name, result }).toEqual({ name, result: expect.objectContaining({ ok: false, error: INBOX_READ_ONLY, code: "inbox_read_only" }) });
    }
    expect(await snapshot(f.a.accountId)).toEqual(before);
  });

  test("inbound messages still land while the inbox is read-only", async () => {
    const f = await fixture({ trialSeats: 3, trialEndsAt: new Date(Date.now() - day) });
    const second = await inbound(t.db, f.a.accountId, { email: "someone-new@example.com", body: "Are you there?" });
    const rows = await t.db.select().from(messages).where(eq(messages.conversationId, second.conversationId));
    expect(rows.map((m) => m.body)).toEqual(["Are you there?"]);
  });

  test("buying seats after the trial makes the inbox writable again", async () => {
    const f = await fixture({ trialSeats: 3, trialEndsAt: new Date(Date.now() - day) });
    expect(await reply({ db: t.db, actor: f.a.alice, input: { conversationId: f.conversationId, channel: "email", body: "Hi" } })).toMatchObject({
      ok: false,
      error: INBOX_READ_ONLY,
    });
    await setSeats(f.a.accountId, { purchased: 4 });
    const results = await everyCommand(f.a, f.conversationId, f.contactId, f.tagId);
    for (const [name, result] of Object.entries(results)) expect({ name, result }).toEqual({ name, result: expect.objectContaining({ ok: true }) });
  });
});
