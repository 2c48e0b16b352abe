import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { contacts, conversations, mailLocalMailbox, messages, smsLocalMailbox, smsNumbers } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { messageDeliveries } from "@/db/schema";
import { reply } from "@/lib/inbox/reply";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { addContactAddress, removeContactAddress } from "./contact-addresses";
import { createInboxAccount, inbound } from "./inbox.fixtures";
import { getThread } from "./queries/get-thread";
import { NOT_THE_CONTACTS_ADDRESS } from "./picked-recipient";
import { receiveInboundMessage } from "./receive-inbound-message";

const t = useTestDatabase();

async function contactOf(conversationId: string) {
  const [c] = await t.db.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, conversationId));
  return c.contactId!;
}

describe("contacts with several emails and phone numbers (issue 16)", () => {
  test("mail from another address reaches the same contact; the agent picks which address a reply goes to, and only the contact's", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId, { email: "carla@example.com" });
    const contactId = await contactOf(conversationId);
    expect(await addContactAddress({ db: t.db, actor: a.alice, input: { contactId, kind: "email", value: " Carla@Work.example " } })).toEqual({ ok: true, value: { main: false } });
    const again = await inbound(t.db, a.accountId, { email: "carla@work.example", body: "From work" });
    expect(again.conversationId).toBe(conversationId);
    expect(await t.db.select().from(contacts)).toHaveLength(1);

    const thread = await getThread({ db: t.db, actor: a.bob, conversationId });
    expect(thread?.recipients).toEqual({ emails: ["carla@example.com", "carla@work.example"], phones: [] });

    const sent = await replyAndDeliver({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "To your work address", to: "carla@work.example" } });
    expect(sent).toMatchObject({ ok: true, value: { delivery: { status: "sent" } } });
    const toMain = await replyAndDeliver({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Main" } });
    expect(toMain).toMatchObject({ ok: true });
    const mail = await t.db.select().from(mailLocalMailbox);
    expect(mail.map((m) => [m.subject.length > 0, m.to])).toEqual([
      [true, expect.stringContaining("carla@work.example")],
      [true, expect.stringContaining("carla@example.com")],
    ]);

    const before = await t.db.select().from(messages);
    expect(await replyAndDeliver({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Elsewhere", to: "attacker@evil.example" } })).toMatchObject({
      ok: false,
      fieldErrors: { to: NOT_THE_CONTACTS_ADDRESS },
    });
    expect(await t.db.select().from(messages)).toHaveLength(before.length);
  });

  test("a text goes to the phone number the agent picked; a contact without a phone gets it as the main one", async () => {
    const a = await createInboxAccount(t.db);
    await t.db.insert(smsNumbers).values({ accountId: a.accountId, number: "+15550001000" });
    const { conversationId } = await inbound(t.db, a.accountId, { email: "dan@example.com" });
    const contactId = await contactOf(conversationId);
    expect(await addContactAddress({ db: t.db, actor: a.alice, input: { contactId, kind: "phone", value: "+1 555 0100" } })).toEqual({ ok: true, value: { main: true } });
    expect(await addContactAddress({ db: t.db, actor: a.alice, input: { contactId, kind: "phone", value: "+1 555 0199" } })).toEqual({ ok: true, value: { main: false } });
    const sent = await replyAndDeliver({ db: t.db, actor: a.alice, input: { conversationId, channel: "sms", body: "Texting your mobile", to: "+1 555 0199" } });
    expect(sent).toMatchObject({ ok: true, value: { delivery: { status: "sent" } } });
    expect((await t.db.select().from(smsLocalMailbox)).map((s) => s.to)).toEqual(["+1 555 0199"]);
    // A text from the other number reaches Dan too.
    const text = await receiveInboundMessage({
      db: t.db,
      input: { accountId: a.accountId, channel: "sms", externalId: "sms-1", sender: { contact: { phone: "+1 555 0199" } }, body: "Thanks" },
    });
    expect(text).toMatchObject({ ok: true, value: { conversationId } });
  });

  test("refused: an address another contact has, bad input, a viewer, another account; a removed address starts its own contact again", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const carla = await contactOf((await inbound(t.db, a.accountId, { email: "carla@example.com" })).conversationId);
    const erin = await contactOf((await inbound(t.db, a.accountId, { email: "erin@example.com" })).conversationId);
    expect(await addContactAddress({ db: t.db, actor: a.alice, input: { contactId: carla, kind: "email", value: "erin@example.com" } })).toMatchObject({
      ok: false,
      fieldErrors: { value: "Another contact already has this email address." },
    });
    expect(await addContactAddress({ db: t.db, actor: a.alice, input: { contactId: carla, kind: "email", value: "shared@example.com" } })).toMatchObject({ ok: true });
    expect(await addContactAddress({ db: t.db, actor: a.alice, input: { contactId: erin, kind: "email", value: "shared@example.com" } })).toMatchObject({
      ok: false,
      fieldErrors: { value: expect.stringContaining("Another contact") },
    });
    expect(await addContactAddress({ db: t.db, actor: a.alice, input: { contactId: carla, kind: "email", value: "not-an-email" } })).toMatchObject({
      ok: false,
      fieldErrors: { value: "Enter a valid email address." },
    });
    await expect(addContactAddress({ db: t.db, actor: a.viewer, input: { contactId: carla, kind: "email", value: "v@example.com" } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await addContactAddress({ db: t.db, actor: other.alice, input: { contactId: carla, kind: "email", value: "o@example.com" } })).toMatchObject({ ok: false, error: "Contact not found." });

    const thread = await getThread({ db: t.db, actor: a.alice, conversationId: (await inbound(t.db, a.accountId, { email: "carla@example.com" })).conversationId });
    const shared = thread!.contactAddresses.find((x) => x.value === "shared@example.com")!;
    expect(await removeContactAddress({ db: t.db, actor: other.alice, input: { contactId: carla, addressId: shared.id } })).toMatchObject({ ok: false });
    expect(await removeContactAddress({ db: t.db, actor: a.bob, input: { contactId: carla, addressId: shared.id } })).toEqual({ ok: true, value: { removed: true } });
    const fresh = await inbound(t.db, a.accountId, { email: "shared@example.com" });
    expect(await contactOf(fresh.conversationId)).not.toBe(carla);
  });
});

/** An agent's reply, then the job runner's pass that sends it, with the delivery row. */
async function replyAndDeliver(args: Parameters<typeof reply>[0]) {
  const result = await reply(args);
  if (!result.ok) return result;
  await runQueuedJobs({ db: args.db });
  const [delivery] = await args.db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, result.value.messageId));
  return { ...result, value: { ...result.value, delivery } };
}
