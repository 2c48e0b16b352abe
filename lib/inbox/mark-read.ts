import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { conversationChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { CONVERSATION_NOT_FOUND } from "./conversation-lock";

export const markReadInput = z.object({ conversationId: z.string().uuid(CONVERSATION_NOT_FOUND) });

/**
 * Read state is shared (SPEC §4): once any agent opens a conversation it is "Read" for all
 * agents. Only agents mark read (inbox.markRead) — a viewer looking leaves it unread for the team.
 * A conditional update: opening an already-read conversation writes nothing and emits nothing.
 */
export async function markRead({ db, actor, input }: { db: Db; actor: Actor; input: z.input<typeof markReadInput> }): Promise<Result<{ changed: boolean }>> {
  requirePermission(actor, "inbox.markRead");
  const parsed = markReadInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { conversationId } = parsed.data;
  return db.transaction(async (tx) => {
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
      return exists ? { ok: true as const, value: { changed: false } } : fail(CONVERSATION_NOT_FOUND);
    }
    await recordEvents({ tx, events: [conversationChanged(actor.accountId, conversationId, "read", { unread: false })] });
    return { ok: true as const, value: { changed: true } };
  });
}
