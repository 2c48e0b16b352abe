import { eq } from "drizzle-orm";
import { z } from "zod";
import { conversations } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { CONVERSATION_NOT_FOUND, lockConversation } from "./conversation-lock";
import { conversationChanged } from "@/lib/realtime/events";
import { writeStatusMessage } from "./status-messages";
import { inboxWritable } from "./writable-inbox";

export const completeInput = z.object({ conversationId: z.string().uuid(CONVERSATION_NOT_FOUND) });

/**
 * "Complete" (SPEC §4): finished for all agents, and Unassigned. Completing is not one of the
 * §6 cases, so nobody is notified; the contact writing again reopens it (receiveInboundMessage).
 */
export const completeConversation = defineCommand({
  permission: "inbox.complete",
  input: completeInput,
  guards: [inboxWritable],
  async run({ tx, actor, input: { conversationId }, emit }): Promise<Result<{ changed: boolean }>> {
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    if (conversation.status === "complete") return ok({ changed: false });
    await tx
      .update(conversations)
      .set({ status: "complete", assigneeId: null, assignedGroupId: null, completedAt: new Date() })
      .where(eq(conversations.id, conversationId));
    emit(
      await writeStatusMessage({
        tx,
        accountId: actor.accountId,
        conversationId,
        action: "completed",
        actorId: actor.userId,
        fromUserId: conversation.assigneeId,
      }),
      conversationChanged(actor.accountId, conversationId, "completed", { status: "complete", assigneeId: null, assignedGroupId: null }),
    );
    return ok({ changed: true });
  },
});
