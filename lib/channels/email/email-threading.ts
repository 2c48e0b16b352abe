import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { inboundDetails, messageDeliveries, messages } from "@/db/schema";
import type { OutboundMessage } from "../delivery/outbound-message";

// An email thread is known by its Message-IDs: the inbound mails' own ids (messages.external_id)
// and the ids our replies went out with (message_deliveries.provider_message_id).

/** Message-IDs of the conversation's emails before this message (inbound ids and our sent ones), oldest first, and its subject. */
export async function emailThreadBefore(db: Db, message: OutboundMessage) {
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
