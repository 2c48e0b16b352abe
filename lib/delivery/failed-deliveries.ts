import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts, conversations, messageDeliveries, messages } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";

const LIMIT = 50;

/**
 * Settings → Outbox, "Not delivered": the account's latest failed deliveries with the provider's
 * reason, newest attempt first (admins, like the rest of the Outbox).
 */
export async function listFailedDeliveries({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "channels.manage");
  return db
    .select({
      messageId: messageDeliveries.messageId,
      conversationId: messageDeliveries.conversationId,
      conversationNumber: conversations.number,
      contactName: sql<string>`coalesce(${contacts.name}, ${conversations.externalName}, 'Visitor')`,
      channel: messageDeliveries.channel,
      toAddress: messageDeliveries.toAddress,
      reason: messageDeliveries.lastError,
      attempts: messageDeliveries.attempts,
      lastAttemptAt: messageDeliveries.lastAttemptAt,
      body: messages.body,
    })
    .from(messageDeliveries)
    .innerJoin(messages, eq(messages.id, messageDeliveries.messageId))
    .innerJoin(conversations, eq(conversations.id, messageDeliveries.conversationId))
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(messageDeliveries.accountId, actor.accountId), eq(messageDeliveries.status, "failed")))
    .orderBy(desc(messageDeliveries.lastAttemptAt), desc(messageDeliveries.messageId))
    .limit(LIMIT);
}

export type FailedDelivery = Awaited<ReturnType<typeof listFailedDeliveries>>[number];
