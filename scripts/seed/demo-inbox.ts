import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations, messages } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";
import { assignConversation } from "@/lib/inbox/assign";
import { completeConversation } from "@/lib/inbox/complete";
import { markRead } from "@/lib/inbox/mark-read";
import { postBotMessage } from "@/lib/inbox/post-bot-message";
import { receiveInboundMessage, type InboundInput } from "@/lib/inbox/receive-inbound-message";
import { reply } from "@/lib/inbox/reply";
import { createSavedResponseCategory } from "@/lib/inbox/saved-responses/create-category";
import { createSavedResponse } from "@/lib/inbox/saved-responses/create-response";
import { tagConversation } from "@/lib/inbox/tags";

type Sender = InboundInput["sender"];

const savedResponseSeed = [
  {
    category: "Greetings",
    responses: [
      { title: "Welcome", body: "Hi {{first_name}}, thanks for reaching out! How can I help you today?" },
      { title: "Follow-up", body: "Just checking in: did that solve it for you? Reply here any time." },
    ],
  },
  {
    category: "Billing",
    responses: [
      { title: "Refund policy", body: "You can get a full refund within 30 days of purchase. I've started that for you." },
      { title: "Invoice copy", body: "I've sent a copy of your invoice to the email address on file." },
    ],
  },
  {
    category: "Shipping",
    responses: [{ title: "Shipping times", body: "Orders ship within 2 business days; delivery takes 3–5 days in the US." }],
  },
];

/**
 * A realistic demo inbox, made through the same lib commands the app uses so every rule holds:
 * ~12 conversations over the four channels, some assigned, one complete, one reopened, tags,
 * a bot message and saved responses.
 */
export async function seedDemoInbox(db: Db, { accountId, userIds }: { accountId: string; userIds: Map<string, string> }) {
  const actor = (email: string, admin = false, primary = false): Actor => ({
    userId: userIds.get(email)!,
    accountId,
    accessLevel: "agent",
    isAdmin: admin || primary,
    isPrimaryAdmin: primary,
  });
  const owner = actor("owner@demo.test", true, true);
  const admin = actor("admin@demo.test", true);
  const alice = actor("agent@demo.test");

  let n = 0;
  const write = async (sender: Sender, channel: InboundInput["channel"], body: string) => {
    const r = await receiveInboundMessage({ db, input: { accountId, channel, externalId: `seed-${++n}`, sender, body } });
    if (!r.ok) throw new Error(`seed inbound: ${r.error}`);
    return r.value.conversationId;
  };
  const must = <T extends { ok: boolean }>(r: T) => {
    if (!r.ok) throw new Error(`seed: ${(r as unknown as { error: string }).error}`);
    return r;
  };

  const margaret = { contact: { name: "Margaret Hamilton", email: "margaret@example.com" } };
  const c12 = await write(margaret, "email", "My export finished but the CSV is empty.");
  must(await reply({ db, actor: admin, input: { conversationId: c12, channel: "email", body: "Could you try again? We fixed an export bug this morning." } }));
  must(await completeConversation({ db, actor: admin, input: { conversationId: c12 } }));

  const jon = { messenger: { psid: "demo-psid-jon", name: "Jon Snowden" } };
  const c11 = await write(jon, "messenger", "Do you have gift cards?");
  must(await reply({ db, actor: alice, input: { conversationId: c11, channel: "messenger", body: "We do! You'll find them under Shop → Gift cards." } }));
  must(await completeConversation({ db, actor: alice, input: { conversationId: c11 } }));

  const barbara = { contact: { name: "Barbara Liskov", email: "barbara@example.com" } };
  const c10 = await write(barbara, "email", "Feature request: could the dashboard export to PDF?");
  must(await tagConversation({ db, actor: alice, input: { conversationId: c10, name: "Feedback" } }));
  must(await markRead({ db, actor: alice, input: { conversationId: c10 } }));

  const c9 = await write({ contact: { name: "Visitor 4821", visitorId: "demo-visitor-4821" } }, "chat", "hello? anyone there");
  must(await markRead({ db, actor: owner, input: { conversationId: c9 } }));

  const rosa = { contact: { name: "Rosa Parks", phone: "+15550102" } };
  const c8 = await write(rosa, "sms", "Can I change my delivery address?");
  must(await reply({ db, actor: alice, input: { conversationId: c8, channel: "sms", body: "Sure — reply with the new address and I'll update it." } }));
  await write(rosa, "sms", "12 Main St, Springfield. Thanks!");

  const ken = { contact: { name: "Ken Thompson", email: "ken@example.com" } };
  const c7 = await write(ken, "email", "Password reset emails are not arriving.");
  must(await assignConversation({ db, actor: owner, input: { conversationId: c7, assigneeId: alice.userId } }));
  must(await tagConversation({ db, actor: owner, input: { conversationId: c7, name: "Bug" } }));

  const ada = { contact: { name: "Ada Lovelace", email: "ada@example.com", visitorId: "demo-visitor-ada" } };
  const c6 = await write(ada, "chat", "Hi! We'd like to add 10 more seats to our plan.");
  must(await reply({ db, actor: owner, input: { conversationId: c6, channel: "chat", body: "Great to hear! I can help with that." } }));
  await write(ada, "chat", "Do we get a discount for yearly billing?");
  must(await reply({ db, actor: owner, input: { conversationId: c6, channel: "email", body: "There's no yearly discount, but I've sent you a quote by email." } }));
  must(await tagConversation({ db, actor: owner, input: { conversationId: c6, name: "VIP" } }));
  must(await tagConversation({ db, actor: owner, input: { conversationId: c6, name: "Billing" } }));

  const linus = { contact: { name: "Linus Torvalds", email: "linus@example.com" } };
  const c5 = await write(linus, "email", "How do I rotate my API key?");
  must(await reply({ db, actor: admin, input: { conversationId: c5, channel: "email", body: "Settings → API → Rotate key. The old key keeps working for 24 hours." } }));
  must(await completeConversation({ db, actor: admin, input: { conversationId: c5 } }));

  const mia = { messenger: { psid: "demo-psid-mia", name: "Mia Wallace" } };
  const c4 = await write(mia, "messenger", "Do you ship to Canada?");
  must(await postBotMessage({ db, input: { accountId, conversationId: c4, channel: "messenger", body: "Thanks for your message! An agent will be with you shortly." } }));
  must(await assignConversation({ db, actor: alice, input: { conversationId: c4, assigneeId: admin.userId } }));

  const c3 = await write({ contact: { name: "Tom Baker", phone: "+15550101" } }, "sms", "Has my order #5521 shipped yet?");

  const grace = { contact: { name: "Grace Hopper", email: "grace@example.com" } };
  const c2 = await write(grace, "email", "Invoice #1043 charges us for 6 seats, but we only have 5.");
  must(await reply({ db, actor: alice, input: { conversationId: c2, channel: "email", body: "Sorry about that, Grace — I'm checking with billing now." } }));
  must(await tagConversation({ db, actor: alice, input: { conversationId: c2, name: "Billing" } }));

  // Margaret writes again: her complete conversation reopens, Unassigned, and all agents are notified.
  await write(margaret, "email", "Tried again, still empty. Can someone look?");

  // No seeded presence: the green dot follows real visitors (the widget on /demo), set by the realtime webhook.
  await write({ contact: { name: "Sam Rivera", visitorId: "demo-visitor-sam" } }, "chat", "Hi! Is the Pro plan billed monthly?");
  void c3;

  for (const group of savedResponseSeed) {
    const category = must(await createSavedResponseCategory({ db, actor: owner, input: { name: group.category } }));
    if (!category.ok) continue;
    for (const r of group.responses) must(await createSavedResponse({ db, actor: owner, input: { categoryId: category.value.id, ...r } }));
  }

  // Spread the demo over the last hours so the left pane shows realistic times.
  await db.execute(sql`
    WITH ranked AS (
      SELECT id, ((row_number() OVER (ORDER BY last_message_at DESC) - 1) * 37)::int AS mins
      FROM ${conversations} WHERE account_id = ${accountId}
    ), shifted AS (
      UPDATE ${messages} m SET created_at = m.created_at - make_interval(mins => ranked.mins)
      FROM ranked WHERE m.conversation_id = ranked.id
    )
    UPDATE ${conversations} c
    SET last_message_at = c.last_message_at - make_interval(mins => ranked.mins),
        last_inbound_at = c.last_inbound_at - make_interval(mins => ranked.mins)
    FROM ranked WHERE ranked.id = c.id`);
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(conversations)
    .where(eq(conversations.accountId, accountId));
  return { conversations: count };
}
