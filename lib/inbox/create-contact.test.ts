import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { contacts, events } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { addSmsNumber } from "@/lib/channels/sms/sms-number-settings";
import { createContact } from "./create-contact";
import { createInboxAccount } from "./inbox.fixtures";
import { searchContacts } from "./queries/contacts";
import { startConversation } from "./start-conversation";

const t = useTestDatabase();

describe("New contact", () => {
  test("an agent creates a contact, finds it by search, and starts a conversation with it; SMS only once the account has a number", async () => {
    const a = await createInboxAccount(t.db);
    const created = await createContact({ db: t.db, actor: a.alice, input: { name: "Nora New", email: "Nora@Example.com", phone: "+44 20 7946 0018" } });
    if (!created.ok) throw new Error(created.error);
    expect(created.value).toMatchObject({ name: "Nora New", email: "nora@example.com", phone: "+442079460018" });
    const [found] = await searchContacts({ db: t.db, actor: a.alice, query: "nora" });
    expect(found.id).toBe(created.value.id);
    const [event] = await t.db.select().from(events).where(eq(events.accountId, a.accountId));
    expect(event).toMatchObject({ type: "contact.changed", payload: { contactId: created.value.id } });

    const bySms = { contactId: created.value.id, channel: "sms" as const, body: "Hello Nora" };
    expect(await startConversation({ db: t.db, actor: a.alice, input: bySms })).toMatchObject({ ok: false, error: expect.stringContaining("cannot be reached by SMS") });
    await addSmsNumber({ db: t.db, actor: a.owner, input: { number: "+14155550177" } });
    expect(await startConversation({ db: t.db, actor: a.alice, input: bySms })).toMatchObject({ ok: true });
  });

  test("bad input, duplicates, viewers, No access and other accounts change nothing", async () => {
    const a = await createInboxAccount(t.db);
    const b = await createInboxAccount(t.db, "Other Co");
    for (const input of [
      { name: "", email: "x@example.com" },
      { name: "No Way", email: "", phone: "" },
      { name: "Bad Mail", email: "not-an-email" },
      { name: "Bad Phone", phone: "call me" },
      { name: "x".repeat(201), email: "long@example.com" },
    ]) {
      expect(await createContact({ db: t.db, actor: a.alice, input })).toMatchObject({ ok: false, code: "invalid_input" });
    }
    expect(await createContact({ db: t.db, actor: a.alice, input: { name: "Nora", email: "nora@example.com" } })).toMatchObject({ ok: true });
    expect(await createContact({ db: t.db, actor: a.bob, input: { name: "Nora 2", email: "NORA@example.com" } })).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.stringContaining("already exists") },
    });
    for (const actor of [a.viewer, a.nobody, a.viewerAdmin]) {
      await expect(createContact({ db: t.db, actor, input: { name: "Vic", email: "vic@example.com" } })).rejects.toThrow(ForbiddenError);
    }
    // Another account may hold the same address: contacts are per account.
    expect(await createContact({ db: t.db, actor: b.alice, input: { name: "Nora", email: "nora@example.com" } })).toMatchObject({ ok: true });
    expect(await searchContacts({ db: t.db, actor: b.alice, query: "nora" })).toHaveLength(1);
    expect(await t.db.select().from(contacts).where(eq(contacts.accountId, a.accountId))).toHaveLength(1);
  });
});
