import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations, conversationTags, tags } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { CONVERSATION_NOT_FOUND } from "./conversation-lock";
import { conversationChanged } from "@/lib/realtime/events";
import { inboxWritable } from "./writable-inbox";

export const tagInput = z.object({
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  name: z
    .string()
    .trim()
    .min(1, "Enter a tag.")
    .max(40, "Tags are 40 characters at most.")
    .regex(/^[^,<>]+$/, "Tags cannot contain commas or angle brackets."),
});

export const untagInput = z.object({
  conversationId: z.string().uuid(CONVERSATION_NOT_FOUND),
  tagId: z.string().uuid("Unknown tag."),
});

async function conversationExists(tx: Db, accountId: string, conversationId: string) {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId)));
  return !!row;
}

/** Agents tag conversations (SPEC §4); a tag is created on first use, matched case-insensitively. */
export const tagConversation = defineCommand({
  permission: "inbox.tag",
  input: tagInput,
  guards: [inboxWritable],
  async run({ tx, actor, input: { conversationId, name }, emit }): Promise<Result<{ tagId: string }>> {
    if (!(await conversationExists(tx, actor.accountId, conversationId))) return fail(CONVERSATION_NOT_FOUND);
    await tx.insert(tags).values({ accountId: actor.accountId, name }).onConflictDoNothing();
    const [tag] = await tx
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(and(eq(tags.accountId, actor.accountId), sql`lower(${tags.name}) = lower(${name})`));
    const changed = await tx
      .insert(conversationTags)
      .values({ accountId: actor.accountId, conversationId, tagId: tag.id, addedById: actor.userId })
      .onConflictDoUpdate({
        target: [conversationTags.conversationId, conversationTags.tagId],
        set: { removedAt: null, addedById: actor.userId, createdAt: new Date() },
        setWhere: sql`${conversationTags.removedAt} IS NOT NULL`,
      })
      .returning({ tagId: conversationTags.tagId });
    if (changed.length) emit(conversationChanged(actor.accountId, conversationId, "tagged", { tagId: tag.id, tagName: tag.name, added: true }));
    return ok({ tagId: tag.id });
  },
});

/** Removing a tag stamps removed_at: nothing in the inbox is deleted. */
export const untagConversation = defineCommand({
  permission: "inbox.tag",
  input: untagInput,
  guards: [inboxWritable],
  async run({ tx, actor, input: { conversationId, tagId }, emit }): Promise<Result<{ changed: boolean }>> {
    if (!(await conversationExists(tx, actor.accountId, conversationId))) return fail(CONVERSATION_NOT_FOUND);
    const changed = await tx
      .update(conversationTags)
      .set({ removedAt: new Date() })
      .where(
        and(
          eq(conversationTags.accountId, actor.accountId),
          eq(conversationTags.conversationId, conversationId),
          eq(conversationTags.tagId, tagId),
          isNull(conversationTags.removedAt),
        ),
      )
      .returning({ tagId: conversationTags.tagId });
    if (changed.length) emit(conversationChanged(actor.accountId, conversationId, "tagged", { tagId, added: false }));
    return ok({ changed: changed.length > 0 });
  },
});
