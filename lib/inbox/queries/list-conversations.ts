import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts, conversations, conversationTags, groups, tags, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { listConversationsInput, pickedAssignees, searchOf, type ConversationRow, type ListConversationsInput } from "./conversation-filter";
import { pagePlans, type PickerFilter } from "./conversation-picker";
import { decodeCursor, encodeCursor } from "./conversation-cursor";

export type { ConversationRow, ListConversationsInput } from "./conversation-filter";

const rowFields = {
  id: conversations.id,
  number: conversations.number,
  status: conversations.status,
  contactId: conversations.contactId,
  name: sql<string>`coalesce(${contacts.name}, ${conversations.externalName}, 'Visitor')`,
  channels: conversations.channels,
  lastMessageAt: conversations.lastMessageAt,
  sortKey: sql<string>`${conversations.lastMessageAt}::text`,
  preview: conversations.lastMessagePreview,
  unread: conversations.unread,
  visitorOnline: conversations.visitorOnline,
  assigneeId: conversations.assigneeId,
  assigneeName: users.name,
  assignedGroupId: conversations.assignedGroupId,
  assignedGroupName: groups.name,
  // The latest delivery of the conversation failed (index message_deliveries_conversation_idx; at most a page of rows).
  undelivered: sql<boolean>`coalesce((SELECT d.status = 'failed' FROM message_deliveries d WHERE d.conversation_id = ${conversations.id} ORDER BY d.message_id DESC LIMIT 1), false)`,
};

function selectRows(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select(rowFields)
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .leftJoin(groups, eq(groups.id, conversations.assignedGroupId))
    .where(where)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit);
}

type RawRow = Awaited<ReturnType<typeof selectRows>>[number];

async function withTags(db: Db, accountId: string, rows: RawRow[]): Promise<ConversationRow[]> {
  const ids = rows.map((r) => r.id);
  const tagRows = ids.length
    ? await db
        .select({ conversationId: conversationTags.conversationId, id: tags.id, name: tags.name })
        .from(conversationTags)
        .innerJoin(tags, eq(tags.id, conversationTags.tagId))
        .where(and(eq(conversationTags.accountId, accountId), inArray(conversationTags.conversationId, ids), isNull(conversationTags.removedAt)))
        .orderBy(asc(tags.name))
    : [];
  return rows.map(({ sortKey: _sortKey, ...r }) => ({
    ...r,
    lastMessageAt: r.lastMessageAt.toISOString(),
    tags: tagRows.filter((t) => t.conversationId === r.id).map((t) => ({ id: t.id, name: t.name })),
  }));
}

/**
 * The left pane (SPEC §4–§5): one page in at most three queries — the rows (contact and assignee
 * joined; a tag or search filter may need a second attempt, see conversation-picker) and their
 * tags — keyset-paginated on (last_message_at, id), never OFFSET, never a COUNT.
 */
export async function listConversations({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: unknown;
}): Promise<Result<{ rows: ConversationRow[]; nextCursor: string | null }>> {
  requirePermission(actor, "inbox.view");
  const parsed = listConversationsInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { status, assignment, tagId, search, cursor, limit } = parsed.data;
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && !after) return fail("This list position is no longer valid; reload the inbox.");

  const filter: PickerFilter = {
    accountId: actor.accountId,
    status,
    assignees: pickedAssignees(assignment, actor.userId),
    tagId,
    search: searchOf(search),
    after,
  };
  let rows: RawRow[] = [];
  for (const plan of pagePlans(filter, limit + 1)) {
    const where = and(eq(conversations.accountId, actor.accountId), inArray(conversations.id, sql`(${plan.query})`));
    rows = plan.serial
      ? await db.transaction(async (tx) => {
          await tx.execute(sql`SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`);
          return selectRows(tx, where, limit + 1);
        })
      : await selectRows(db, where, limit + 1);
    if (rows.length > limit) break;
  }

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null;
  return { ok: true, value: { rows: await withTags(db, actor.accountId, page), nextCursor } };
}

/** One row of the left pane, for a realtime event: the client splices it in, no list refetch. */
export async function getConversationRow({
  db,
  actor,
  conversationId,
}: {
  db: Db;
  actor: Actor;
  conversationId: string;
}): Promise<ConversationRow | null> {
  requirePermission(actor, "inbox.view");
  if (!z.string().uuid().safeParse(conversationId).success) return null;
  const rows = await selectRows(db, and(eq(conversations.accountId, actor.accountId), eq(conversations.id, conversationId)), 1);
  const [row] = await withTags(db, actor.accountId, rows);
  return row ?? null;
}
