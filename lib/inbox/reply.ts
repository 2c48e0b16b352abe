import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { conversations, messages } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, failField, ok, type Result } from "@/lib/result";
import { channels, previewOf } from "@/lib/message-channels/message-channels";
import { isAccountSmsNumber } from "@/lib/message-channels/sms-numbers";
import { CONVERSATION_NOT_FOUND, lockConversation } from "./conversation-lock";
import { channelRefusal } from "./conversation-reach";
import { conversationChanged, messageCreated, visitorMessageCreated } from "@/lib/realtime/events";
import { writeStatusMessage } from "./status-messages";
import { actingAgentHeld } from "./acting-agent";
import { inboxWritable } from "./writable-inbox";
import { attachmentIdsInput } from "@/lib/attachments/attachment-ids-input";
import { attachUploads, claimUploads } from "@/lib/attachments/message-files";
import { attachmentSummary } from "@/lib/attachments/message-attachments";
import { queueMessageDelivery } from "@/lib/delivery/queue-message-delivery";
import { pickedRecipient } from "./picked-recipient";

export const replyInput = z.object({
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  channel: z.enum(channels, { error: "Pick a channel." }),
  body: z.string().trim().max(20_000, "The message is too long (20 000 characters at most)."),
  /** SMS only: which of the account's numbers sends (the first one when omitted). */
  smsFrom: z.string().nullish(),
  /** Email / SMS: which of the contact's addresses it goes to (the main one when omitted). */
  to: z.string().trim().max(320).nullish(),
  /** The agent's uploads to send with it (lib/inbox/upload-attachment.ts). */
  attachmentIds: attachmentIdsInput,
}).refine((r) => r.body.length > 0 || r.attachmentIds.length > 0, { message: "Write a message first.", path: ["body"] });

export type ReplyResult = {
  messageId: number;
  tookOwnership: boolean;
  /** The agent's pick among the account's SMS numbers (SMS only); delivery sends from it. */
  smsFrom: string | null;
};

export const SMS_NUMBER_NOT_OURS = "Pick one of the account's SMS numbers.";

/**
 * An agent answers (SPEC §5): any agent may reply to any conversation without changing its
 * owner; the first reply to an unassigned open conversation takes ownership through a
 * conditional update, so under a race exactly one replier becomes the owner.
 * The message is stored with its delivery job in this transaction; the job runner sends it.
 */
export const reply = defineCommand({
  permission: "inbox.reply",
  input: replyInput,
  guards: [inboxWritable, actingAgentHeld],
  async run({ tx, actor, input: { conversationId, channel, body, attachmentIds, ...picked }, emit }): Promise<Result<ReplyResult>> {
    const smsFrom = channel === "sms" ? picked.smsFrom || null : null;
    if (smsFrom && !(await isAccountSmsNumber({ db: tx, accountId: actor.accountId, number: smsFrom }))) {
      return failField("smsFrom", SMS_NUMBER_NOT_OURS);
    }
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    const refusal = await channelRefusal({ tx, conversation, channel });
    if (refusal) return failField("channel", refusal);
    const toAddress = await pickedRecipient({ tx, accountId: actor.accountId, contactId: conversation.contactId, channel, to: picked.to });
    if (!toAddress.ok) return toAddress;
    const files = await claimUploads({ tx, accountId: actor.accountId, userId: actor.userId, attachmentIds, channel });
    if (!files.ok) return files;

    const taken = await tx
      .update(conversations)
      // A group-assigned conversation has no owner either: its first replier takes it (issue 16).
      .set({ assigneeId: actor.userId, assignedGroupId: null })
      .where(and(eq(conversations.id, conversationId), isNull(conversations.assigneeId), eq(conversations.status, "open")))
      .returning({ id: conversations.id });
    const tookOwnership = taken.length === 1;
    // The status message goes first so the thread reads "X took this conversation", then X's reply.
    if (tookOwnership) {
      emit(
        await writeStatusMessage({ tx, accountId: actor.accountId, conversationId, action: "assigned", actorId: actor.userId, toUserId: actor.userId }),
      );
    }

    const [message] = await tx
      .insert(messages)
      .values({
        accountId: actor.accountId,
        conversationId,
        direction: "out",
        channel,
        senderKind: "agent",
        senderUserId: actor.userId,
        body,
        toAddress: toAddress.value,
      })
      .returning({ id: messages.id, createdAt: messages.createdAt });
    await attachUploads({ tx, accountId: actor.accountId, attachmentIds, conversationId, messageId: message.id });
    await queueMessageDelivery({ tx, message: { id: message.id, accountId: actor.accountId, conversationId, channel }, smsFrom });

    await tx
      .update(conversations)
      .set({
        lastMessageAt: message.createdAt,
        lastMessagePreview: previewOf(body || attachmentSummary(files.value.map((f) => f.fileName))),
        // Answering implies the agent has read it.
        unread: false,
        lastReadAt: message.createdAt,
        lastReadById: actor.userId,
        channels: sql`CASE WHEN ${channel}::message_channel = ANY(${conversations.channels}) THEN ${conversations.channels} ELSE array_append(${conversations.channels}, ${channel}::message_channel) END`,
      })
      .where(eq(conversations.id, conversationId));

    emit(messageCreated(actor.accountId, conversationId, message.id, "message"));
    emit(visitorMessageCreated(actor.accountId, conversationId, message.id));
    emit(
      conversationChanged(actor.accountId, conversationId, tookOwnership ? "assigned" : "message", {
        unread: false,
        ...(tookOwnership ? { assigneeId: actor.userId, assignedGroupId: null } : {}),
      }),
    );
    return ok({ messageId: message.id, tookOwnership, smsFrom });
  },
});
