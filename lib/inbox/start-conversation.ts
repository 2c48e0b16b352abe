import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contacts, conversations, messages } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { failField, ok, type Result } from "@/lib/result";
import { availableChannels, channels, composerChannelLabel, previewOf } from "@/lib/message-channels/message-channels";
import { accountHasSmsNumber } from "@/lib/message-channels/sms-numbers";
import { conversationChanged, messageCreated, visitorMessageCreated } from "@/lib/realtime/events";
import { queueMessageDelivery } from "@/lib/delivery/queue-message-delivery";
import { nextConversationNumber } from "./receive-inbound-message";
import { writeStatusMessage } from "./status-messages";
import { actingAgentHeld } from "./acting-agent";
import { inboxWritable } from "./writable-inbox";

export const startConversationInput = z.object({
  contactId: z.string().uuid("Pick a contact."),
  channel: z.enum(channels, { error: "Pick a channel." }),
  body: z.string().trim().min(1, "Write a message first.").max(20_000, "The message is too long (20 000 characters at most)."),
});

/**
 * "Start a new conversation" with a known contact on a channel the contact can be reached by
 * (SPEC §4). The agent who starts it owns it, like the first reply to an unassigned one.
 */
export const startConversation = defineCommand({
  permission: "inbox.startConversation",
  input: startConversationInput,
  guards: [inboxWritable, actingAgentHeld],
  async run({ tx, actor, input: { contactId, channel, body }, emit }): Promise<Result<{ conversationId: string; number: number }>> {
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, actor.accountId)));
    if (!contact) return failField("contactId", "Contact not found.");
    const accountHasSms = await accountHasSmsNumber({ db: tx, accountId: actor.accountId });
    if (!availableChannels({ used: [], contact, messengerPsid: null, accountHasSmsNumber: accountHasSms }).includes(channel)) {
      return failField("channel", `${contact.name} cannot be reached by ${composerChannelLabel[channel]}.`);
    }
    const number = await nextConversationNumber(tx, actor.accountId);
    const [conversation] = await tx
      .insert(conversations)
      .values({
        accountId: actor.accountId,
        number,
        contactId,
        assigneeId: actor.userId,
        channels: [channel],
        lastMessagePreview: previewOf(body),
        unread: false,
        lastReadAt: new Date(),
        lastReadById: actor.userId,
      })
      .returning();
    const [message] = await tx
      .insert(messages)
      .values({
        accountId: actor.accountId,
        conversationId: conversation.id,
        direction: "out",
        channel,
        senderKind: "agent",
        senderUserId: actor.userId,
        body,
      })
      .returning({ id: messages.id, createdAt: messages.createdAt });
    await tx.update(conversations).set({ lastMessageAt: message.createdAt }).where(eq(conversations.id, conversation.id));
    // The first message leaves like any reply: its delivery job commits with it.
    await queueMessageDelivery({ tx, message: { id: message.id, accountId: actor.accountId, conversationId: conversation.id, channel } });
    emit(
      await writeStatusMessage({
        tx,
        accountId: actor.accountId,
        conversationId: conversation.id,
        action: "assigned",
        actorId: actor.userId,
        toUserId: actor.userId,
      }),
      messageCreated(actor.accountId, conversation.id, message.id, "message"),
      ...(channel === "chat" ? [visitorMessageCreated(actor.accountId, conversation.id, message.id)] : []),
      conversationChanged(actor.accountId, conversation.id, "created", { assigneeId: actor.userId }),
    );
    return ok({ conversationId: conversation.id, number });
  },
});
