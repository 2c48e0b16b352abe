import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations } from "@/db/schema";

export type ConversationRecord = typeof conversations.$inferSelect;

/** The conversation, row-locked for the rest of the transaction; null when not in this account. */
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
    .for("update");
  return row ?? null;
}

export const CONVERSATION_NOT_FOUND = "Conversation not found.";
