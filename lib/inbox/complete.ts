import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { conversationChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { CONVERSATION_NOT_FOUND, lockConversation } from "./conversation-lock";
import { writeStatusMessage } from "./status-messages";
import { requireWritableInbox } from "./writable-inbox";

export const completeInput = z.object({ conversationId: z.string().uuid(CONVERSATION_NOT_FOUND) });

/**
 * "Complete" (SPEC §4): finished for all agents, and Unassigned. Completing is not one of the
 * §6 cases, so nobody is notified; the contact writing again reopens it (receiveInboundMessage).
 */
export async function completeConversation({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof completeInput>;
}): Promise<Result<{ changed: boolean }>> {
  requirePermission(actor, "inbox.complete");
  const parsed = completeInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { conversationId } = parsed.data;
  return db.transaction(async (tx) => {
    const readOnly = await requireWritableInbox({ tx, accountId: actor.accountId });
    if (readOnly) return readOnly;
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    if (conversation.status === "complete") return { ok: true as const, value: { changed: false } };
    await tx
      .update(conversations)
      .set({ status: "complete", assigneeId: null, completedAt: new Date() })
      .where(eq(conversations.id, conversationId));
    const events = [
      await writeStatusMessage({
        tx,
        accountId: actor.accountId,
        conversationId,
        action: "completed",
        actorId: actor.userId,
        fromUserId: conversation.assigneeId,
      }),
      conversationChanged(actor.accountId, conversationId, "completed", { status: "complete", assigneeId: null }),
    ];
    await recordEvents({ tx, events });
    return { ok: true as const, value: { changed: true } };
  });
}
