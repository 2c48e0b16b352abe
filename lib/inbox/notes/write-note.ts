import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { messages, notifications, users } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { messageCreated, notificationCreated } from "@/lib/realtime/events";
import { actingAgentHeld } from "../acting-agent";
import { CONVERSATION_NOT_FOUND, lockConversation } from "../conversation-lock";
import { inboxWritable } from "../writable-inbox";
import { findMentions } from "./mentions";

export const noteInput = z.object({
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  body: z.string().trim().min(1, "Write a note first.").max(20_000, "The note is too long (20 000 characters at most)."),
});

export type NoteResult = { messageId: number; mentioned: { id: string; name: string }[] };

/**
 * A private note in the thread (issue 16): stored as a message of kind 'note' with no direction
 * and no channel, so nothing that delivers, shows the contact or counts replies ever takes it
 * (those read kind = 'message'). The conversation's preview, read state and owner do not change.
 * Each Agent named as "@name" is notified ("mention", pointing at the note), except the writer.
 */
export const writeNote = defineCommand({
  permission: "inbox.writeNote",
  input: noteInput,
  guards: [inboxWritable, actingAgentHeld],
  async run({ tx, actor, input: { conversationId, body }, emit }): Promise<Result<NoteResult>> {
    const conversation = await lockConversation({ tx, accountId: actor.accountId, conversationId });
    if (!conversation) return fail(CONVERSATION_NOT_FOUND);
    const [note] = await tx
      .insert(messages)
      .values({ accountId: actor.accountId, conversationId, kind: "note", senderKind: "agent", senderUserId: actor.userId, body })
      .returning({ id: messages.id });
    emit(messageCreated(actor.accountId, conversationId, note.id, "note"));

    const agents = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.accountId, actor.accountId), eq(users.accessLevel, "agent")));
    const mentioned = findMentions(body, agents).filter((a) => a.id !== actor.userId);
    if (mentioned.length) {
      const rows = await tx
        .insert(notifications)
        .values(mentioned.map((a) => ({ accountId: actor.accountId, userId: a.id, conversationId, kind: "mention" as const, actorId: actor.userId, messageId: note.id })))
        .returning({ id: notifications.id, userId: notifications.userId });
      emit(...rows.map((r) => notificationCreated(actor.accountId, r.userId, { id: r.id, kind: "mention", conversationId, messageId: note.id })));
    }
    return ok({ messageId: note.id, mentioned });
  },
});
