import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts, conversations, messages } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { conversationChanged, messageCreated } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { holdActingAgent } from "./acting-agent";
import { availableChannels, channels, composerChannelLabel, previewOf } from "@/lib/message-channels/message-channels";
import { nextConversationNumber } from "./receive-inbound-message";
import { writeStatusMessage } from "./status-messages";
import { requireWritableInbox } from "./writable-inbox";

export const startConversationInput = z.object({
  contactId: z.string().uuid("Pick a contact."),
  channel: z.enum(channels, { error: "Pick a channel." }),
  body: z.string().trim().min(1, "Write a message first.").max(20_000, "The message is too long (20 000 characters at most)."),
});

/**
 * "Start a new conversation" with a known contact on a channel the contact can be reached by
 * (SPEC §4). The agent who starts it owns it, like the first reply to an unassigned one.
 */
export async function startConversation({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof startConversationInput>;
}): Promise<Result<{ conversationId: string; number: number }>> {
  requirePermission(actor, "inbox.startConversation");
  const parsed = startConversationInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { contactId, channel, body } = parsed.data;
  return db.transaction(async (tx) => {
    const readOnly = await requireWritableInbox({ tx, accountId: actor.accountId });
    if (readOnly) return readOnly;
    await holdActingAgent({ tx, actor, permission: "inbox.startConversation" });
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, actor.accountId)));
    if (!contact) return fail("Contact not found.", { contactId: "Contact not found." });
    if (!availableChannels({ used: [], contact, messengerPsid: null }).includes(channel)) {
      const message = `${contact.name} cannot be reached by ${composerChannelLabel[channel]}.`;
      return fail(message, { channel: message });
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
    const events = [
      await writeStatusMessage({
        tx,
        accountId: actor.accountId,
        conversationId: conversation.id,
        action: "assigned",
        actorId: actor.userId,
        toUserId: actor.userId,
      }),
      messageCreated(actor.accountId, conversation.id, message.id, "message"),
      conversationChanged(actor.accountId, conversation.id, "created", { assigneeId: actor.userId }),
    ];
    await recordEvents({ tx, events });
    return { ok: true as const, value: { conversationId: conversation.id, number } };
  });
}
