import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, contacts, conversations, inboundDetails, messageDeliveries, messages, messengerPages, users } from "@/db/schema";
import { sendMail } from "@/lib/mail/send-mail";
import { trailingChat, type TranscriptEntry } from "./email/chat-transcript";
import { composeReplyEmail } from "./email/compose-reply-email";
import { sendMessengerMessage } from "./messenger/send-messenger-message";
import { sendSms } from "./sms/send-sms";
import { listSmsNumbers } from "@/lib/message-channels/sms-numbers";

export type DeliveryOutcome =
  | { ok: true; status: "sent"; providerMessageId: string | null; alreadySent: boolean }
  | { ok: false; status: "failed"; error: string };

/**
 * Sends a committed outbound message (agent reply or bot message) through its channel.
 * The delivery row is written first and settled after the provider call, so a failure is
 * recorded (status, attempts, error) rather than lost, and a repeated call never sends twice
 * once it succeeded. Web chat needs no provider: the realtime event already carries it.
 */
export async function deliverOutbound({
  db,
  accountId,
  messageId,
  smsFrom,
}: {
  db: Db;
  accountId: string;
  messageId: number;
  /** The agent's pick among the account's numbers; the first number otherwise. */
  smsFrom?: string | null;
}): Promise<DeliveryOutcome> {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.accountId, accountId), eq(messages.direction, "out"), eq(messages.kind, "message")));
  if (!message || !message.channel) return { ok: false, status: "failed", error: "No such outbound message." };

  await db
    .insert(messageDeliveries)
    .values({ messageId, accountId, conversationId: message.conversationId, channel: message.channel })
    .onConflictDoNothing();
  // Claim the attempt: only one caller sends a pending/failed delivery; a sent one is done.
  const [claimed] = await db
    .update(messageDeliveries)
    .set({ attempts: sql`${messageDeliveries.attempts} + 1`, lastError: null })
    .where(and(eq(messageDeliveries.messageId, messageId), sql`${messageDeliveries.status} <> 'sent'`))
    .returning({ attempts: messageDeliveries.attempts });
  if (!claimed) {
    const [row] = await db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, messageId));
    return { ok: true, status: "sent", providerMessageId: row?.providerMessageId ?? null, alreadySent: true };
  }

  try {
    const sent = await send(db, message, smsFrom ?? null);
    await db
      .update(messageDeliveries)
      .set({ status: "sent", providerMessageId: sent.providerMessageId, fromAddress: sent.from, toAddress: sent.to, sentAt: new Date() })
      .where(eq(messageDeliveries.messageId, messageId));
    return { ok: true, status: "sent", providerMessageId: sent.providerMessageId, alreadySent: false };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await db.update(messageDeliveries).set({ status: "failed", lastError: text.slice(0, 1000) }).where(eq(messageDeliveries.messageId, messageId));
    return { ok: false, status: "failed", error: text };
  }
}

type MessageRow = typeof messages.$inferSelect;
type Sent = { providerMessageId: string | null; from: string | null; to: string | null };

async function send(db: Db, message: MessageRow, smsFrom: string | null): Promise<Sent> {
  const [conversation] = await db
    .select({
      id: conversations.id,
      contactId: conversations.contactId,
      messengerPsid: conversations.messengerPsid,
      accountName: accounts.name,
    })
    .from(conversations)
    .innerJoin(accounts, eq(accounts.id, conversations.accountId))
    .where(and(eq(conversations.id, message.conversationId), eq(conversations.accountId, message.accountId)));
  if (!conversation) throw new Error("The conversation is gone.");
  const [contact] = conversation.contactId
    ? await db.select().from(contacts).where(and(eq(contacts.id, conversation.contactId), eq(contacts.accountId, message.accountId)))
    : [];

  switch (message.channel) {
    case "chat":
      return { providerMessageId: null, from: null, to: contact?.visitorId ?? null };
    case "email": {
      if (!contact?.email) throw new Error("The contact has no email address.");
      const thread = await emailThread(db, message);
      const mail = composeReplyEmail({
        accountId: message.accountId,
        accountName: conversation.accountName,
        conversationId: conversation.id,
        to: { address: contact.email, name: contact.name },
        body: message.body,
        threadSubject: thread.subject,
        threadMessageIds: thread.messageIds,
        transcript: trailingChat(await transcriptBefore(db, message)),
      });
      await sendMail({ db, mail });
      return { providerMessageId: mail.messageId, from: mail.from ?? null, to: contact.email };
    }
    case "sms": {
      if (!contact?.phone) throw new Error("The contact has no phone number.");
      const numbers = await listSmsNumbers({ db, accountId: message.accountId });
      const from = smsFrom ? numbers.find((n) => n.number === smsFrom)?.number : numbers[0]?.number;
      if (!from) throw new Error(smsFrom ? "That number is not one of the account's SMS numbers." : "The account has no SMS number.");
      const sent = await sendSms({ db, sms: { accountId: message.accountId, from, to: contact.phone, body: message.body } });
      return { providerMessageId: sent.externalId, from, to: contact.phone };
    }
    case "messenger": {
      if (!conversation.messengerPsid) throw new Error("The conversation has no Messenger visitor.");
      const [page] = await db
        .select()
        .from(messengerPages)
        .where(eq(messengerPages.accountId, message.accountId))
        .orderBy(asc(messengerPages.createdAt))
        .limit(1);
      if (!page) throw new Error("The account has no Messenger page.");
      const sent = await sendMessengerMessage({
        db,
        send: { accountId: message.accountId, pageId: page.pageId, pageAccessToken: page.pageAccessToken, psid: conversation.messengerPsid, text: message.body },
      });
      return { providerMessageId: sent.externalId, from: page.pageId, to: conversation.messengerPsid };
    }
    default:
      throw new Error("Unknown channel.");
  }
}

/** Message-IDs of the conversation's emails so far (inbound ids and our sent ones), oldest first, and its subject. */
async function emailThread(db: Db, message: MessageRow) {
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      externalId: messages.externalId,
      providerMessageId: messageDeliveries.providerMessageId,
      subject: inboundDetails.subject,
    })
    .from(messages)
    .leftJoin(messageDeliveries, eq(messageDeliveries.messageId, messages.id))
    .leftJoin(inboundDetails, eq(inboundDetails.messageId, messages.id))
    .where(
      and(
        eq(messages.conversationId, message.conversationId),
        eq(messages.accountId, message.accountId),
        eq(messages.channel, "email"),
        sql`${messages.id} < ${message.id}`,
      ),
    )
    .orderBy(asc(messages.id));
  const messageIds = rows
    .map((r) => (r.direction === "in" ? r.externalId : r.providerMessageId))
    .filter((id): id is string => !!id && id.startsWith("<"));
  const subject = rows.filter((r) => r.subject).at(-1)?.subject ?? null;
  return { messageIds, subject };
}

/** The thread before this message, as the contact reads it (status messages included only to end chat runs correctly). */
async function transcriptBefore(db: Db, message: MessageRow): Promise<TranscriptEntry[]> {
  const rows = await db
    .select({
      kind: messages.kind,
      channel: messages.channel,
      direction: messages.direction,
      senderKind: messages.senderKind,
      agentName: users.name,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(eq(messages.conversationId, message.conversationId), eq(messages.accountId, message.accountId), sql`${messages.id} < ${message.id}`))
    .orderBy(asc(messages.id));
  return rows.map((r) => ({
    kind: r.kind,
    channel: r.channel,
    author: r.direction === "in" ? "You" : r.senderKind === "bot" ? "Bot" : (r.agentName ?? "Agent"),
    body: r.body,
    createdAt: r.createdAt,
  }));
}

/** The conversation an email answers, by In-Reply-To / References against the thread's Message-IDs. */
export async function conversationOfEmailReferences({ db, accountId, references }: { db: Db; accountId: string; references: string[] }) {
  if (references.length === 0) return null;
  const [sent] = await db
    .select({ conversationId: messageDeliveries.conversationId })
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.accountId, accountId), isNotNull(messageDeliveries.providerMessageId), inArray(messageDeliveries.providerMessageId, references)))
    .limit(1);
  if (sent) return sent.conversationId;
  const [received] = await db
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.channel, "email"), inArray(messages.externalId, references)))
    .limit(1);
  return received?.conversationId ?? null;
}
