import { eq } from "drizzle-orm";
import { z } from "zod";
import { conversations } from "@/db/schema";
import { ForbiddenError } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { fail, failField, ok, type Result } from "@/lib/result";
import { actingAgentHeld, holdAgent } from "./acting-agent";
import { CONVERSATION_NOT_FOUND, lockConversation } from "./conversation-lock";
import { conversationChanged } from "@/lib/realtime/events";
import { notifyAgent, notifyAllAgents } from "./notify";
import { writeStatusMessage } from "./status-messages";
import { mayReassign } from "./thread-abilities";
import { inboxWritable } from "./writable-inbox";

export const assignInput = z.object({
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  /** An Agent of the account, or null for "Unassigned". */
  assigneeId: z.string().uuid("Pick an agent.").nullable(),
});

export type AssignResult = { action: "assigned" | "reassigned" | "unassigned" | "unchanged" };

/**
 * The "Agent" dropdown (SPEC §5): any agent assigns an unassigned conversation to any agent;
 * only the owner or an admin reassigns it or sets it back to "Unassigned". Only Agents can be
 * assignees. Each change writes an agent-only status message and notifies per §6.
 */
export const assignConversation = defineCommand({
  permission: "inbox.assign",
  input: assignInput,
  guards: [inboxWritable, actingAgentHeld],
  async run({ tx, actor, input: { conversationId, assigneeId }, emit }): Promise<Result<AssignResult>> {
    // The assignee's row before the conversation's: the lock order of a demotion (user, then conversations).
    if (assigneeId !== null && !(await holdAgent({ tx, accountId: actor.accountId, userId: assigneeId }))) {
      return failField("assigneeId", "Only Agents can be assigned conversations.");
    }
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    const current = conversation.assigneeId;
    if (current === assigneeId && conversation.assignedGroupId === null) return ok({ action: "unchanged" });
    if (!mayReassign(actor, current)) {
      throw new ForbiddenError("inbox.reassignAny");
    }
    if (conversation.status === "complete") {
      return fail("This conversation is complete. It reopens, Unassigned, when the contact writes again.");
    }

    await tx.update(conversations).set({ assigneeId, assignedGroupId: null }).where(eq(conversations.id, conversationId));
    const action = current === null ? "assigned" : assigneeId === null ? "unassigned" : "reassigned";
    emit(
      await writeStatusMessage({
        tx,
        accountId: actor.accountId,
        conversationId,
        action,
        actorId: actor.userId,
        fromUserId: current,
        toUserId: assigneeId,
      }),
      conversationChanged(actor.accountId, conversationId, "assigned", { assigneeId, assignedGroupId: null }),
    );
    if (assigneeId) {
      emit(...(await notifyAgent({ tx, accountId: actor.accountId, userId: assigneeId, conversationId, kind: "assigned", actorId: actor.userId })));
    } else {
      emit(...(await notifyAllAgents({ tx, accountId: actor.accountId, conversationId, kind: "unassigned", actorId: actor.userId })));
    }
    return ok({ action });
  },
});
