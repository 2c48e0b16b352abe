import { and, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messageDeliveries, messages, users } from "@/db/schema";
import type { Channel } from "@/lib/message-channels/message-channels";
import type { MessageKind } from "@/lib/realtime/events";
import { attachmentsOfMessages, teamAttachmentView, type MessageAttachment } from "@/lib/attachments/message-attachments";

export type ThreadMessage = {
  id: number;
  kind: MessageKind;
  direction: "in" | "out" | null;
  channel: Channel | null;
  senderKind: "contact" | "agent" | "bot" | "system";
  senderUserId: string | null;
  senderName: string | null;
  body: string;
  createdAt: string;
  /** SMS only: the number the text came from (inbound) or the account's number it went from (outbound). */
  smsFrom: string | null;
  attachments: MessageAttachment[];
  /** Outbound messages: "pending" (Sending…), "sent", or "failed" with the provider's reason. */
  delivery: { status: "pending" | "sent" | "failed"; error: string | null } | null;
};

/** SMS numbers of a message: delivery rows for outbound texts, inbound details for received ones. */
const smsFrom = sql<string | null>`CASE WHEN ${messages.channel} = 'sms' THEN COALESCE(
  (SELECT d.from_address FROM message_deliveries d WHERE d.message_id = ${messages.id}),
  (SELECT i.from_address FROM inbound_details i WHERE i.message_id = ${messages.id})) END`;

/**
 * A page of a conversation's messages, oldest first: the latest `limit` before `beforeId` (or the
 * latest of all). Status messages only when `withStatusMessages` (SPEC §5: agents only); private
 * notes for everyone who sees the inbox (agents and viewers).
 */
export async function threadMessagesPage({
  db,
  accountId,
  conversationId,
  withStatusMessages,
  beforeId,
  limit,
}: {
  db: Db;
  accountId: string;
  conversationId: string;
  withStatusMessages: boolean;
  beforeId?: number;
  limit: number;
}): Promise<{ messages: ThreadMessage[]; hasEarlier: boolean }> {
  const rows = await db
    .select({
      id: messages.id,
      kind: messages.kind,
      direction: messages.direction,
      channel: messages.channel,
      senderKind: messages.senderKind,
      senderUserId: messages.senderUserId,
      senderName: users.name,
      body: messages.body,
      createdAt: messages.createdAt,
      smsFrom,
      deliveryStatus: messageDeliveries.status,
      deliveryError: messageDeliveries.lastError,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .leftJoin(messageDeliveries, eq(messageDeliveries.messageId, messages.id))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.accountId, accountId),
        withStatusMessages ? undefined : ne(messages.kind, "status"),
        beforeId ? lt(messages.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  const files = await attachmentsOfMessages({ db, accountId, messageIds: page.map((m) => m.id) });
  return {
    messages: page.map(({ deliveryStatus, deliveryError, ...m }) => ({
      ...m,
      createdAt: m.createdAt.toISOString(),
      attachments: (files.get(m.id) ?? []).map(teamAttachmentView),
      delivery: deliveryStatus ? { status: deliveryStatus, error: deliveryStatus === "sent" ? null : deliveryError } : null,
    })),
    hasEarlier: rows.length > limit,
  };
}
