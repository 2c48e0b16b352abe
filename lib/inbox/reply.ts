import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations, messages } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { conversationChanged, messageCreated, visitorMessageCreated, type NewEvent } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { holdActingAgent } from "./acting-agent";
import { channels, previewOf } from "@/lib/message-channels/message-channels";
import { CONVERSATION_NOT_FOUND, lockConversation } from "./conversation-lock";
import { channelRefusal } from "./conversation-reach";
import { writeStatusMessage } from "./status-messages";
import { requireWritableInbox } from "./writable-inbox";

export const replyInput = z.object({
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  channel: z.enum(channels, { error: "Pick a channel." }),
  body: z.string().trim().min(1, "Write a message first.").max(20_000, "The message is too long (20 000 characters at most)."),
});

export type ReplyResult = { messageId: number; tookOwnership: boolean };

/**
 * An agent answers (SPEC §5): any agent may reply to any conversation without changing its
 * owner; the first reply to an unassigned open conversation takes ownership through a
 * conditional update, so under a race exactly one replier becomes the owner.
 */
export async function reply({ db, actor, input }: { db: Db; actor: Actor; input: z.input<typeof replyInput> }): Promise<Result<ReplyResult>> {
  requirePermission(actor, "inbox.reply");
  const parsed = replyInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { conversationId, channel, body } = parsed.data;
  return db.transaction(async (tx) => {
    const readOnly = await requireWritableInbox({ tx, accountId: actor.accountId });
    if (readOnly) return readOnly;
    await holdActingAgent({ tx, actor, permission: "inbox.reply" });
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    const refusal = await channelRefusal({ tx, conversation, channel });
    if (refusal) return fail(refusal, { channel: refusal });

    const taken = await tx
      .update(conversations)
      .set({ assigneeId: actor.userId })
      .where(and(eq(conversations.id, conversationId), isNull(conversations.assigneeId), eq(conversations.status, "open")))
      .returning({ id: conversations.id });
    const tookOwnership = taken.length === 1;
    const events: NewEvent[] = [];
    // The status message goes first so the thread reads "X took this conversation", then X's reply.
    if (tookOwnership) {
      events.push(
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
      })
      .returning({ id: messages.id, createdAt: messages.createdAt });

    await tx
      .update(conversations)
      .set({
        lastMessageAt: message.createdAt,
        lastMessagePreview: previewOf(body),
        // Answering implies the agent has read it.
        unread: false,
        lastReadAt: message.createdAt,
        lastReadById: actor.userId,
        channels: sql`CASE WHEN ${channel}::message_channel = ANY(${conversations.channels}) THEN ${conversations.channels} ELSE array_append(${conversations.channels}, ${channel}::message_channel) END`,
      })
      .where(eq(conversations.id, conversationId));

    events.push(messageCreated(actor.accountId, conversationId, message.id, "message"));
    events.push(visitorMessageCreated(actor.accountId, conversationId, message.id));
    events.push(
      conversationChanged(actor.accountId, conversationId, tookOwnership ? "assigned" : "message", {
        unread: false,
        ...(tookOwnership ? { assigneeId: actor.userId } : {}),
      }),
    );
    await recordEvents({ tx, events });
    return { ok: true as const, value: { messageId: message.id, tookOwnership } };
  });
}
