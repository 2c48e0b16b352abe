import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations } from "@/db/schema";
import { ForbiddenError, requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { conversationChanged, type NewEvent } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { holdActingAgent, holdAgent } from "./acting-agent";
import { CONVERSATION_NOT_FOUND, lockConversation } from "./conversation-lock";
import { notifyAgent, notifyAllAgents } from "./notify";
import { writeStatusMessage } from "./status-messages";
import { mayReassign } from "./thread-abilities";
import { requireWritableInbox } from "./writable-inbox";

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
export async function assignConversation({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof assignInput>;
}): Promise<Result<AssignResult>> {
  requirePermission(actor, "inbox.assign");
  const parsed = assignInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { conversationId, assigneeId } = parsed.data;
  return db.transaction(async (tx) => {
    const readOnly = await requireWritableInbox({ tx, accountId: actor.accountId });
    if (readOnly) return readOnly;
    await holdActingAgent({ tx, actor, permission: "inbox.assign" });
    // The assignee's row before the conversation's: the lock order of a demotion (user, then conversations).
    if (assigneeId !== null && !(await holdAgent({ tx, accountId: actor.accountId, userId: assigneeId }))) {
      const message = "Only Agents can be assigned conversations.";
      return fail(message, { assigneeId: message });
    }
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    const current = conversation.assigneeId;
    if (current === assigneeId) return { ok: true as const, value: { action: "unchanged" as const } };
    if (!mayReassign(actor, current)) {
      throw new ForbiddenError("inbox.reassignAny");
    }
    if (conversation.status === "complete") {
      return fail("This conversation is complete. It reopens, Unassigned, when the contact writes again.");
    }

    await tx.update(conversations).set({ assigneeId }).where(eq(conversations.id, conversationId));
    const action = current === null ? "assigned" : assigneeId === null ? "unassigned" : "reassigned";
    const events: NewEvent[] = [
      await writeStatusMessage({
        tx,
        accountId: actor.accountId,
        conversationId,
        action,
        actorId: actor.userId,
        fromUserId: current,
        toUserId: assigneeId,
      }),
      conversationChanged(actor.accountId, conversationId, "assigned", { assigneeId }),
    ];
    if (assigneeId) {
      events.push(...(await notifyAgent({ tx, accountId: actor.accountId, userId: assigneeId, conversationId, kind: "assigned", actorId: actor.userId })));
    } else {
      events.push(...(await notifyAllAgents({ tx, accountId: actor.accountId, conversationId, kind: "unassigned", actorId: actor.userId })));
    }
    await recordEvents({ tx, events });
    return { ok: true as const, value: { action } };
  });
}
