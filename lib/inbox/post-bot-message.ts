import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations, messages } from "@/db/schema";
import { fail, fromZodError, type Result } from "@/lib/result";
import { conversationChanged, messageCreated, visitorMessageCreated } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { channels, previewOf } from "@/lib/message-channels/message-channels";
import { CONVERSATION_NOT_FOUND } from "./conversation-lock";
import { requireWritableInbox } from "./writable-inbox";
import { queueMessageDelivery } from "@/lib/delivery/queue-message-delivery";

export const botMessageInput = z.object({
  accountId: z.string().uuid(),
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  channel: z.enum(channels),
  body: z.string().trim().min(1, "The message is empty.").max(20_000),
  externalId: z.string().trim().min(1).max(500).optional(),
});

/**
 * Automation (a workflow or bot) posts into a conversation through the same path as agents
 * (SPEC §7); it shows with the robot avatar and never takes ownership.
 */
export async function postBotMessage({ db, input }: { db: Db; input: z.input<typeof botMessageInput> }): Promise<Result<{ messageId: number; delivery: "queued" | "sent" }>> {
  const parsed = botMessageInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { accountId, conversationId, channel, body, externalId } = parsed.data;
  return db.transaction(async (tx) => {
    // Automation speaks for the team, so a read-only inbox refuses it like an agent's reply.
    const readOnly = await requireWritableInbox({ tx, accountId });
    if (readOnly) return readOnly;
    const [conversation] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId)))
      .for("no key update");
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    const [message] = await tx
      .insert(messages)
      .values({ accountId, conversationId, direction: "out", channel, senderKind: "bot", body, externalId })
      .onConflictDoNothing()
      .returning({ id: messages.id, createdAt: messages.createdAt });
    if (!message) {
      const [seen] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.accountId, accountId), eq(messages.channel, channel), eq(messages.externalId, externalId!)));
      return { ok: true as const, value: { messageId: seen.id, delivery: "queued" as const } };
    }
    const { queued } = await queueMessageDelivery({ tx, message: { id: message.id, accountId, conversationId, channel } });
    await tx
      .update(conversations)
      .set({
        lastMessageAt: message.createdAt,
        lastMessagePreview: previewOf(body),
        channels: sql`CASE WHEN ${channel}::message_channel = ANY(${conversations.channels}) THEN ${conversations.channels} ELSE array_append(${conversations.channels}, ${channel}::message_channel) END`,
      })
      .where(eq(conversations.id, conversationId));
    await recordEvents({
      tx,
      events: [
        messageCreated(accountId, conversationId, message.id, "message"),
        visitorMessageCreated(accountId, conversationId, message.id),
        conversationChanged(accountId, conversationId, "message"),
      ],
    });
    return { ok: true as const, value: { messageId: message.id, delivery: queued ? ("queued" as const) : ("sent" as const) } };
  });
}
