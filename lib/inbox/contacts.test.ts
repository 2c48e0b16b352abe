import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { contacts, conversations, messages } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { editContact } from "./edit-contact";
import { getContact, listContactsInConversations, searchContacts } from "./queries/contacts";
import { startConversation } from "./start-conversation";
import { createInboxAccount, inbound, statusMessagesOf } from "./inbox.fixtures";

const t = useTestDatabase();

describe("contacts and new conversations (SPEC §4)", () => {
  test("search a known contact, start a conversation on a channel they can use; the starter owns it", async () => {
    const a = await createInboxAccount(t.db);
    await inbound(t.db, a.accountId, { email: "zoe@example.com" });
    const [zoe] = await searchContacts({ db: t.db, actor: a.alice, query: "zoe@exam" });
    expect(zoe).toMatchObject({ email: "zoe@example.com" });
    const started = await startConversation({ db: t.db, actor: a.alice, input: { contactId: zoe.id, channel: "email", body: "Following up" } });
    if (!started.ok) throw new Error(started.error);
    expect(started.value.number).toBe(2);
    const [c] = await t.db.select().from(conversations).where(eq(conversations.id, started.value.conversationId));
    expect(c).toMatchObject({ assigneeId: a.alice.userId, status: "open", contactId: zoe.id, unread: false });
    expect(await statusMessagesOf(t.db, c.id)).toHaveLength(1);
    expect(await startConversation({ db: t.db, actor: a.alice, input: { contactId: zoe.id, channel: "sms", body: "Hi" } })).toMatchObject({
      ok: false,
      error: expect.stringContaining("cannot be reached by SMS"),
    });
    await expect(startConversation({ db: t.db, actor: a.viewer, input: { contactId: zoe.id, channel: "email", body: "Hi" } })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createInboxAccount(t.db, "Other");
    expect(await startConversation({ db: t.db, actor: other.alice, input: { contactId: zoe.id, channel: "email", body: "Hi" } })).toMatchObject({
      ok: false,
      error: "Contact not found.",
    });
    expect(await searchContacts({ db: t.db, actor: other.alice, query: "zoe" })).toEqual([]);
    expect(await t.db.select().from(conversations)).toHaveLength(2);
  });

  test("the contacts panel lists contacts in conversations; quick-edit validates and keeps addresses unique", async () => {
    const a = await createInboxAccount(t.db);
    await inbound(t.db, a.accountId, { email: "amy@example.com" });
    await inbound(t.db, a.accountId, { email: "ben@example.com" });
    const listed = await listContactsInConversations({ db: t.db, actor: a.viewer });
    expect(listed.map((c) => c.email).sort()).toEqual(["amy@example.com", "ben@example.com"]);
    const amy = listed.find((c) => c.email === "amy@example.com")!;
    const ben = listed.find((c) => c.email === "ben@example.com")!;
    const edited = await editContact({ db: t.db, actor: a.alice, input: { contactId: amy.id, name: "Amy Adams", email: "AMY@example.com", phone: "+1 555 0100" } });
    expect(edited.ok).toBe(true);
    expect(await getContact({ db: t.db, actor: a.viewer, contactId: amy.id })).toMatchObject({ name: "Amy Adams", email: "amy@example.com", phone: "+1 555 0100" });
    expect(await editContact({ db: t.db, actor: a.alice, input: { contactId: ben.id, name: "Ben", email: "amy@example.com" } })).toMatchObject({
      ok: false,
      fieldErrors: { email: "Another contact already has this email address." },
    });
    expect(await editContact({ db: t.db, actor: a.alice, input: { contactId: ben.id, name: "", email: "nope" } })).toMatchObject({ ok: false });
    await expect(editContact({ db: t.db, actor: a.viewer, input: { contactId: ben.id, name: "Hacked" } })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createInboxAccount(t.db, "Other");
    expect(await editContact({ db: t.db, actor: other.alice, input: { contactId: ben.id, name: "Hacked" } })).toMatchObject({ ok: false, error: "Contact not found." });
    const [benNow] = await t.db.select().from(contacts).where(eq(contacts.id, ben.id));
    expect(benNow).toMatchObject({ name: "Carla Customer", email: "ben@example.com" });
    // Conversations and messages are never deleted: there is no command for it at all.
    expect(await t.db.select().from(messages)).toHaveLength(2);
  });
});
