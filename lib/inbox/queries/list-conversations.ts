import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contactSearchVector, contacts, conversations, conversationTags, groupMembers, messages, tags, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/accounts/results";
import type { Channel } from "../channels";
import { decodeCursor, encodeCursor } from "./conversation-cursor";
import { prefixTsQuery } from "./search-terms";

export const assignmentFilter = z.object({
  unassigned: z.boolean().optional(),
  mine: z.boolean().optional(),
  agentIds: z.array(z.string().uuid("Unknown agent.")).max(100).optional(),
  groupIds: z.array(z.string().uuid("Unknown group.")).max(100).optional(),
});
export type AssignmentFilter = z.infer<typeof assignmentFilter>;

export const listConversationsInput = z.object({
  status: z.enum(["open", "complete"], { error: "Status is Open or Complete." }).default("open"),
  /** Several choices widen the list (any of them); none means everyone's. */
  assignment: assignmentFilter.optional(),
  tagId: z.string().uuid("Unknown tag.").optional(),
  search: z.string().trim().max(200, "Search for 200 characters at most.").optional(),
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
export type ListConversationsInput = z.input<typeof listConversationsInput>;

export type ConversationRow = {
  id: string;
  number: number;
  status: "open" | "complete";
  contactId: string | null;
  name: string;
  channels: Channel[];
  lastMessageAt: string;
  preview: string;
  unread: boolean;
  visitorOnline: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  tags: { id: string; name: string }[];
};

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
};

function assignmentCondition(actor: Actor, filter: AssignmentFilter | undefined): SQL | undefined {
  if (!filter) return undefined;
  const parts: SQL[] = [];
  if (filter.unassigned) parts.push(isNull(conversations.assigneeId));
  const ids = [...(filter.mine ? [actor.userId] : []), ...(filter.agentIds ?? [])];
  if (ids.length) parts.push(inArray(conversations.assigneeId, ids));
  if (filter.groupIds?.length) {
    parts.push(
      inArray(
        conversations.assigneeId,
        sql`(SELECT ${groupMembers.userId} FROM ${groupMembers} WHERE ${groupMembers.accountId} = ${actor.accountId} AND ${inArray(groupMembers.groupId, filter.groupIds)})`,
      ),
    );
  }
  return parts.length ? or(...parts) : undefined;
}

function searchCondition(actor: Actor, text: string | undefined): SQL | undefined {
  const query = text ? prefixTsQuery(text) : null;
  if (!text || !query) return undefined;
  return or(
    inArray(
      conversations.contactId,
      sql`(SELECT ${contacts.id} FROM ${contacts} WHERE ${contacts.accountId} = ${actor.accountId}
          AND ${contactSearchVector(contacts)}
              @@ to_tsquery('simple', ${query}))`,
    ),
    sql`${conversations.externalName} ILIKE ${`%${text.replace(/[\\%_]/g, "\\$&")}%`}`,
    inArray(
      conversations.id,
      sql`(SELECT ${messages.conversationId} FROM ${messages} WHERE ${messages.accountId} = ${actor.accountId}
          AND ${messages.kind} = 'message' AND to_tsvector('simple', ${messages.body}) @@ to_tsquery('simple', ${query}))`,
    ),
    inArray(
      conversations.id,
      sql`(SELECT ${conversationTags.conversationId} FROM ${conversationTags} JOIN ${tags} ON ${tags.id} = ${conversationTags.tagId}
          WHERE ${tags.accountId} = ${actor.accountId} AND lower(${tags.name}) = lower(${text}) AND ${conversationTags.removedAt} IS NULL)`,
    ),
  );
}

function selectRows(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select(rowFields)
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
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
 * The left pane (SPEC §4–§5): one page in two queries — the rows (contact and assignee joined)
 * and their tags — keyset-paginated on (last_message_at, id), never OFFSET, never a COUNT.
 */
export async function listConversations({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: ListConversationsInput;
}): Promise<Result<{ rows: ConversationRow[]; nextCursor: string | null }>> {
  requirePermission(actor, "inbox.view");
  const parsed = listConversationsInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { status, assignment, tagId, search, cursor, limit } = parsed.data;
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && !after) return fail("This list position is no longer valid; reload the inbox.");

  const rows = await selectRows(
    db,
    and(
        eq(conversations.accountId, actor.accountId),
        eq(conversations.status, status),
        assignmentCondition(actor, assignment),
        tagId
          ? sql`EXISTS (SELECT 1 FROM ${conversationTags} WHERE ${conversationTags.conversationId} = ${conversations.id}
                AND ${conversationTags.tagId} = ${tagId} AND ${conversationTags.removedAt} IS NULL)`
          : undefined,
        searchCondition(actor, search),
        after ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
    ),
    limit + 1,
  );

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
