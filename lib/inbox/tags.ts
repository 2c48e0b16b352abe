import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { conversations, conversationTags, tags } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { conversationChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { CONVERSATION_NOT_FOUND } from "./conversation-lock";
import { requireWritableInbox } from "./writable-inbox";

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
export async function tagConversation({ db, actor, input }: { db: Db; actor: Actor; input: z.input<typeof tagInput> }): Promise<Result<{ tagId: string }>> {
  requirePermission(actor, "inbox.tag");
  const parsed = tagInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { conversationId, name } = parsed.data;
  return db.transaction(async (tx) => {
    const readOnly = await requireWritableInbox({ tx, accountId: actor.accountId });
    if (readOnly) return readOnly;
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
    if (changed.length) {
      await recordEvents({ tx, events: [conversationChanged(actor.accountId, conversationId, "tagged", { tagId: tag.id, tagName: tag.name, added: true })] });
    }
    return { ok: true as const, value: { tagId: tag.id } };
  });
}

/** Removing a tag stamps removed_at: nothing in the inbox is deleted. */
export async function untagConversation({ db, actor, input }: { db: Db; actor: Actor; input: z.input<typeof untagInput> }): Promise<Result<{ changed: boolean }>> {
  requirePermission(actor, "inbox.tag");
  const parsed = untagInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { conversationId, tagId } = parsed.data;
  return db.transaction(async (tx) => {
    const readOnly = await requireWritableInbox({ tx, accountId: actor.accountId });
    if (readOnly) return readOnly;
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
    if (changed.length) {
      await recordEvents({ tx, events: [conversationChanged(actor.accountId, conversationId, "tagged", { tagId, added: false })] });
    }
    return { ok: true as const, value: { changed: changed.length > 0 } };
  });
}
