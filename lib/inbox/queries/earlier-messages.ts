import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations } from "@/db/schema";
import { can, requirePermission, type Actor } from "@/lib/access/permissions";
import { threadMessagesPage, type ThreadMessage } from "./thread-messages";

export const EARLIER_PAGE_SIZE = 100;

const earlierInput = z.object({
  conversationId: z.string().uuid(),
  /** The oldest message the thread shows now: the page ends just before it (keyset on the message id). */
  beforeId: z.number().int().positive(),
});

/**
 * "Load earlier messages" (issue 16): the page of the thread just before `beforeId`, oldest first,
 * with the same visibility rules as the thread (status messages for agents only). Message ids only
 * grow, so keyset pages never skip or repeat a message however many arrive meanwhile.
 */
export async function earlierMessages({
  db,
  actor,
  input,
  limit = EARLIER_PAGE_SIZE,
}: {
  db: Db;
  actor: Actor;
  input: unknown;
  limit?: number;
}): Promise<{ messages: ThreadMessage[]; hasEarlier: boolean } | null> {
  requirePermission(actor, "inbox.view");
  const parsed = earlierInput.safeParse(input);
  if (!parsed.success) return null;
  const { conversationId, beforeId } = parsed.data;
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, actor.accountId)));
  if (!conversation) return null;
  return threadMessagesPage({
    db,
    accountId: actor.accountId,
    conversationId,
    withStatusMessages: can(actor, "inbox.viewStatusMessages"),
    beforeId,
    limit: Math.min(Math.max(limit, 1), 200),
  });
}
