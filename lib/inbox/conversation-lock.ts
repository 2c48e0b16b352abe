import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations } from "@/db/schema";

export type ConversationRecord = typeof conversations.$inferSelect;

/**
 * The conversation, row-locked for the rest of the transaction; null when not in this account.
 * FOR NO KEY UPDATE, not FOR UPDATE: we never change a key, and the foreign-key checks of other
 * transactions (FOR KEY SHARE, e.g. a message insert, or a conversation update re-checking its
 * contact) must not wait on us — with FOR UPDATE, an inbound message (contact, then conversation)
 * and a reply (conversation, then the contact's key check) deadlocked on PostgreSQL.
 */
export async function lockConversation({
  tx,
  accountId,
  conversationId,
}: {
  tx: Db;
  accountId: string;
  conversationId: string;
}): Promise<ConversationRecord | null> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId)))
    .for("no key update");
  return row ?? null;
}

export const CONVERSATION_NOT_FOUND = "Conversation not found.";
