import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { conversations } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { CONVERSATION_NOT_FOUND } from "./conversation-lock";
import { conversationChanged } from "@/lib/realtime/events";

export const markReadInput = z.object({ conversationId: z.string().uuid(CONVERSATION_NOT_FOUND) });

/**
 * Read state is shared (SPEC §4): once any agent opens a conversation it is "Read" for all
 * agents. Only agents mark read (inbox.markRead) — a viewer looking leaves it unread for the team.
 * A conditional update: opening an already-read conversation writes nothing and emits nothing.
 */
export const markRead = defineCommand({
  permission: "inbox.markRead",
  input: markReadInput,
  async run({ tx, actor, input: { conversationId }, emit }): Promise<Result<{ changed: boolean }>> {
    const changed = await tx
      .update(conversations)
      .set({ unread: false, lastReadAt: new Date(), lastReadById: actor.userId })
      .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, actor.accountId), eq(conversations.unread, true)))
      .returning({ id: conversations.id });
    if (changed.length === 0) {
      const [exists] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, actor.accountId)));
      return exists ? ok({ changed: false }) : fail(CONVERSATION_NOT_FOUND);
    }
    emit(conversationChanged(actor.accountId, conversationId, "read", { unread: false }));
    return ok({ changed: true });
  },
});
