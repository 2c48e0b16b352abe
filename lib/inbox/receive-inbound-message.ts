import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contactAddresses, contacts, conversationCounters, conversations, messages } from "@/db/schema";
import { fromZodError, fail, isUniqueViolation, type Result } from "@/lib/result";
import { recordEvents } from "@/lib/realtime/outbox";
import { channels, previewOf } from "@/lib/message-channels/message-channels";
import { conversationChanged, messageCreated, type NewEvent } from "@/lib/realtime/events";
import { notifyAllAgents } from "./notify";
import { writeStatusMessage } from "./status-messages";
import { autoAssign } from "./assignment/auto-assign";
import { notifyGroupMembers } from "./assignment/group-notify";
import { insertInboundFiles } from "@/lib/attachments/message-files";
import { attachmentSummary } from "@/lib/attachments/message-attachments";
import { storedFile } from "@/lib/attachments/stored-file";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const contactIdentity = z
  .object({
    name: z.string().trim().max(200).optional(),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email("Enter a valid email address.")
      .max(320)
      .optional()
      .nullable()
      .transform((v) => v ?? null),
    phone: optionalText(40),
    visitorId: optionalText(200),
  })
  .refine((c) => c.email || c.phone || c.visitorId, "A contact needs an email, a phone number or a visitor id.");

export const inboundInput = z.object({
  accountId: z.string().uuid("Unknown account."),
  channel: z.enum(channels, { error: "Unknown channel." }),
  /** The channel's own message id: a retried delivery with the same id adds nothing. */
  externalId: z.string().trim().min(1).max(500),
  sender: z.union([
    z.object({ contactId: z.string().uuid() }),
    z.object({ contact: contactIdentity }),
    // Messenger visitors get no contact record (SPEC §7): the conversation carries their identity.
    z.object({ messenger: z.object({ psid: z.string().trim().min(1).max(200), name: z.string().trim().max(200).optional() }) }),
  ]),
  body: z.string().trim().max(100_000),
  /** Files that came with it, already checked and in storage (lib/attachments/store-attachment-file.ts). */
  attachments: z.array(storedFile).max(50).default([]),
  /** Append to this conversation (e.g. email threading) instead of the sender's latest one. */
  conversationId: z.string().uuid().optional(),
  /** Start a new conversation even if the sender has one. */
  startNew: z.boolean().optional(),
}).refine((m) => m.body.length > 0 || m.attachments.length > 0, { message: "The message is empty.", path: ["body"] });

export type InboundInput = z.input<typeof inboundInput>;

export type InboundResult = {
  conversationId: string;
  messageId: number;
  duplicate: boolean;
  createdConversation: boolean;
  reopened: boolean;
};

class DuplicateDelivery extends Error {}

/**
 * The system path by which channel adapters (and the seed) deliver a customer's message
 * (SPEC §4–§6): a new conversation arrives Unassigned and all agents are notified; a message to
 * a Complete conversation reopens it and all agents are notified; the same external id twice
 * stores one message.
 */
export async function receiveInboundMessage({ db, input }: { db: Db; input: unknown }): Promise<Result<InboundResult>> {
  const parsed = inboundInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const data = parsed.data;
  try {
    return await db.transaction(async (tx) => {
      const sender = await holdSender(tx, data);
      if (!sender) return fail("Unknown contact.");

      const [seen] = await tx
        .select({ id: messages.id, conversationId: messages.conversationId })
        .from(messages)
        .where(and(eq(messages.accountId, data.accountId), eq(messages.channel, data.channel), eq(messages.externalId, data.externalId)));
      if (seen) {
        return { ok: true as const, value: { conversationId: seen.conversationId, messageId: seen.id, duplicate: true, createdConversation: false, reopened: false } };
      }

      let conversation = await findConversation(tx, data, sender);
      if (data.conversationId && !conversation) return fail("Conversation not found.");
      const createdConversation = !conversation;
      if (!conversation) {
        const number = await nextConversationNumber(tx, data.accountId);
        [conversation] = await tx
          .insert(conversations)
          .values({
            accountId: data.accountId,
            number,
            contactId: sender.contactId,
            externalName: sender.externalName,
            messengerPsid: sender.messengerPsid,
            channels: [data.channel],
          })
          .returning();
      }

      const [message] = await tx
        .insert(messages)
        .values({
          accountId: data.accountId,
          conversationId: conversation.id,
          direction: "in",
          channel: data.channel,
          senderKind: "contact",
          body: data.body,
          externalId: data.externalId,
        })
        .onConflictDoNothing()
        .returning({ id: messages.id, createdAt: messages.createdAt });
      if (!message) throw new DuplicateDelivery();
      await insertInboundFiles({ tx, accountId: data.accountId, conversationId: conversation.id, messageId: message.id, files: data.attachments });

      const reopened = conversation.status === "complete";
      await tx
        .update(conversations)
        .set({
          status: "open",
          assigneeId: reopened ? null : conversation.assigneeId,
          assignedGroupId: reopened ? null : conversation.assignedGroupId,
          completedAt: null,
          lastMessageAt: message.createdAt,
          lastMessagePreview: previewOf(data.body || attachmentSummary(data.attachments.map((f) => f.fileName))),
          lastInboundAt: message.createdAt,
          lastInboundChannel: data.channel,
          unread: true,
          channels: sql`CASE WHEN ${data.channel}::message_channel = ANY(${conversations.channels}) THEN ${conversations.channels} ELSE array_append(${conversations.channels}, ${data.channel}::message_channel) END`,
        })
        .where(eq(conversations.id, conversation.id));

      const events: NewEvent[] = [];
      if (reopened) {
        events.push(await writeStatusMessage({ tx, accountId: data.accountId, conversationId: conversation.id, action: "reopened", actorId: null }));
      }
      events.push(messageCreated(data.accountId, conversation.id, message.id, "message"));
      events.push(
        conversationChanged(data.accountId, conversation.id, createdConversation ? "created" : reopened ? "reopened" : "message", {
          status: "open",
          unread: true,
        }),
      );
      const unassigned = reopened || conversation.assigneeId === null;
      // A new or reopened Unassigned conversation goes to an available agent when automatic assignment is on.
      const automatic =
        (createdConversation || reopened) && unassigned
          ? await autoAssign({ tx, accountId: data.accountId, conversationId: conversation.id, channel: data.channel })
          : null;
      if (automatic) {
        events.push(...automatic.events);
      } else if (unassigned && !reopened && conversation.assignedGroupId) {
        // A group's conversation: its members hear of the new message, not every agent.
        events.push(
          ...(await notifyGroupMembers({ tx, accountId: data.accountId, groupId: conversation.assignedGroupId, conversationId: conversation.id, kind: "new_message" })),
        );
      } else if (unassigned) {
        const kind = createdConversation ? "new_conversation" : reopened ? "reopened" : "new_message";
        events.push(...(await notifyAllAgents({ tx, accountId: data.accountId, conversationId: conversation.id, kind })));
      }
      await recordEvents({ tx, events });
      return { ok: true as const, value: { conversationId: conversation.id, messageId: message.id, duplicate: false, createdConversation, reopened } };
    });
  } catch (error) {
    // A concurrent delivery of the same external id won the unique key: report it as the duplicate it is.
    if (error instanceof DuplicateDelivery || isUniqueViolation(error, "messages_external_id_unique")) {
      const [seen] = await db
        .select({ id: messages.id, conversationId: messages.conversationId })
        .from(messages)
        .where(and(eq(messages.accountId, data.accountId), eq(messages.channel, data.channel), eq(messages.externalId, data.externalId)));
      if (seen) return { ok: true, value: { conversationId: seen.conversationId, messageId: seen.id, duplicate: true, createdConversation: false, reopened: false } };
    }
    throw error;
  }
}

type Sender = { contactId: string | null; externalName: string | null; messengerPsid: string | null };

/** Resolves the sender and serializes deliveries from the same sender (row lock or advisory lock). */
async function holdSender(tx: Db, data: z.output<typeof inboundInput>): Promise<Sender | null> {
  const s = data.sender;
  if ("messenger" in s) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${data.accountId}:messenger:${s.messenger.psid}`}, 0))`);
    return { contactId: null, externalName: s.messenger.name || "Messenger visitor", messengerPsid: s.messenger.psid };
  }
  if ("contactId" in s) {
    const [row] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, s.contactId), eq(contacts.accountId, data.accountId)))
      .for("no key update");
    return row ? { contactId: row.id, externalName: null, messengerPsid: null } : null;
  }
  const c = s.contact;
  const key = c.visitorId
    ? eq(contacts.visitorId, c.visitorId)
    : c.email
      ? // Only a confirmed address: mail from an address a web-chat visitor merely typed in starts its own contact.
        and(eq(contacts.email, c.email), eq(contacts.emailVerified, true))
      : eq(contacts.phone, c.phone!);
  const find = () => tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.accountId, data.accountId), key)).for("no key update");
  let [row] = await find();
  if (!row && !c.visitorId) {
    // One of a contact's other addresses (added by an agent, so vouched for): that contact.
    const kind = c.email ? "email" : "phone";
    const [other] = await tx
      .select({ id: contacts.id })
      .from(contactAddresses)
      .innerJoin(contacts, eq(contacts.id, contactAddresses.contactId))
      .where(
        and(
          eq(contactAddresses.accountId, data.accountId),
          eq(contactAddresses.kind, kind),
          eq(contactAddresses.value, (c.email ?? c.phone)!),
          isNull(contactAddresses.removedAt),
        ),
      )
      .for("no key update", { of: contacts });
    if (other) return { contactId: other.id, externalName: null, messengerPsid: null };
  }
  if (!row) {
    await tx
      .insert(contacts)
      .values({
        accountId: data.accountId,
        name: c.name || c.email || c.phone || "Visitor",
        email: c.email,
        phone: c.phone,
        visitorId: c.visitorId,
      })
      .onConflictDoNothing();
    [row] = await find();
  }
  return row ? { contactId: row.id, externalName: null, messengerPsid: null } : null;
}

async function findConversation(tx: Db, data: z.output<typeof inboundInput>, sender: Sender) {
  if (data.startNew && !data.conversationId) return null;
  const bySender = sender.contactId
    ? eq(conversations.contactId, sender.contactId)
    : eq(conversations.messengerPsid, sender.messengerPsid!);
  const where = data.conversationId
    ? and(eq(conversations.id, data.conversationId), eq(conversations.accountId, data.accountId), bySender)
    : and(eq(conversations.accountId, data.accountId), bySender);
  const [row] = await tx
    .select()
    .from(conversations)
    .where(where)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(1)
    .for("no key update");
  return row ?? null;
}

/** Per-account display numbers: the counter row's lock makes them consecutive and unique. */
export async function nextConversationNumber(tx: Db, accountId: string): Promise<number> {
  const [row] = await tx
    .insert(conversationCounters)
    .values({ accountId, lastNumber: 1 })
    .onConflictDoUpdate({ target: conversationCounters.accountId, set: { lastNumber: sql`${conversationCounters.lastNumber} + 1` } })
    .returning({ number: conversationCounters.lastNumber });
  return row.number;
}

