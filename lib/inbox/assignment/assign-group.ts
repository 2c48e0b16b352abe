import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { conversations, groups } from "@/db/schema";
import { ForbiddenError } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { fail, failField, ok, type Result } from "@/lib/result";
import { conversationChanged } from "@/lib/realtime/events";
import { actingAgentHeld } from "../acting-agent";
import { CONVERSATION_NOT_FOUND, lockConversation } from "../conversation-lock";
import { writeStatusMessage } from "../status-messages";
import { mayReassign } from "../thread-abilities";
import { inboxWritable } from "../writable-inbox";
import { notifyGroupMembers } from "./group-notify";

export const assignGroupInput = z.object({
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  groupId: z.string().uuid("Pick a group."),
});

export const GROUP_NOT_FOUND = "Pick one of your account's groups.";

/**
 * The "Agent" dropdown's groups (issue 16): the conversation has no individual owner but belongs to
 * the group, whose agents are notified; the first agent to reply takes it (reply.ts), as with
 * Unassigned. Moving it away from an individual owner follows the same rule as reassigning
 * (the owner or an admin).
 */
export const assignToGroup = defineCommand({
  permission: "inbox.assign",
  input: assignGroupInput,
  guards: [inboxWritable, actingAgentHeld],
  async run({ tx, actor, input: { conversationId, groupId }, emit }): Promise<Result<{ changed: boolean }>> {
    const [group] = await tx
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.id, groupId), eq(groups.accountId, actor.accountId)));
    if (!group) return failField("groupId", GROUP_NOT_FOUND);
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    if (conversation.assigneeId === null && conversation.assignedGroupId === groupId) return ok({ changed: false });
    if (!mayReassign(actor, conversation.assigneeId)) throw new ForbiddenError("inbox.reassignAny");
    if (conversation.status === "complete") {
      return fail("This conversation is complete. It reopens, Unassigned, when the contact writes again.");
    }
    await tx.update(conversations).set({ assigneeId: null, assignedGroupId: groupId }).where(eq(conversations.id, conversationId));
    emit(
      await writeStatusMessage({
        tx,
        accountId: actor.accountId,
        conversationId,
        action: conversation.assigneeId ? "reassigned" : "assigned",
        actorId: actor.userId,
        fromUserId: conversation.assigneeId,
        toGroupName: group.name,
      }),
      conversationChanged(actor.accountId, conversationId, "assigned", { assigneeId: null, assignedGroupId: groupId }),
      ...(await notifyGroupMembers({ tx, accountId: actor.accountId, groupId, conversationId, kind: "assigned", actorId: actor.userId })),
    );
    return ok({ changed: true });
  },
});
