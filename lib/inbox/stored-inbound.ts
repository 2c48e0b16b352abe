import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messages } from "@/db/schema";
import type { Channel } from "@/lib/message-channels/message-channels";
import type { InboundResult } from "./receive-inbound-message";

/**
 * A channel's message already stored, as receiveInboundMessage reports a duplicate: a provider's
 * retry need not fetch its media again. Only a shortcut — the unique key still decides.
 */
export async function storedInbound({ db, accountId, channel, externalId }: { db: Db; accountId: string; channel: Channel; externalId: string }): Promise<InboundResult | null> {
  const [row] = await db
    .select({ id: messages.id, conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.channel, channel), eq(messages.externalId, externalId)))
    .limit(1);
  return row ? { conversationId: row.conversationId, messageId: row.id, duplicate: true, createdConversation: false, reopened: false } : null;
}
