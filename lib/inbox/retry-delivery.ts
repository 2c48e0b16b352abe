import { z } from "zod";
import { defineCommand } from "@/lib/command";
import { requeueFailedDelivery } from "@/lib/delivery/queue-message-delivery";
import { messageDeliveryChanged } from "@/lib/realtime/events";
import { fail, ok, type Result } from "@/lib/result";
import { actingAgentHeld } from "./acting-agent";
import { inboxWritable } from "./writable-inbox";

export const retryDeliveryInput = z.object({
  messageId: z.coerce.number({ error: "Message not found." }).int("Message not found.").positive("Message not found."),
});

/**
 * "Retry" under a message that was not delivered (agents only, like replying): the delivery
 * goes back to "Sending…" with a new job, in one transaction; every tab sees it through the event.
 */
export const retryDelivery = defineCommand({
  permission: "inbox.reply",
  input: retryDeliveryInput,
  guards: [inboxWritable, actingAgentHeld],
  async run({ tx, actor, input: { messageId }, emit }): Promise<Result<{ messageId: number }>> {
    const requeued = await requeueFailedDelivery({ tx, accountId: actor.accountId, messageId });
    if (!requeued.ok) return fail(requeued.error);
    emit(messageDeliveryChanged(actor.accountId, requeued.conversationId, messageId, "pending"));
    return ok({ messageId });
  },
});
