import { sql, type SQL } from "drizzle-orm";
import { contactSearchVector, contacts, conversations, conversationTags, groupMembers, messages, tags } from "@/db/schema";

/**
 * Picks the ids of one left-pane page, in (last_message_at, id) descending order, so that every
 * query is an index scan that stops early instead of sorting every match (issue 6):
 * - a set of assignees (several agents, a group, Unassigned + Mine…) is one LIMITed scan of the
 *   assignee index per assignee, merged — PostgreSQL cannot merge `assignee_id IN (…)` in order;
 * - a tag or a search is first tried on a window of the most recent conversations (cheap per-row
 *   probes: common tags and words fill the page there); when the window holds too few matches the
 *   page is picked from the matches themselves (tag rows, full-text and contact indexes), which are
 *   then few by construction.
 */
export type PickerFilter = {
  accountId: string;
  status: "open" | "complete";
  /** Null: everyone's conversations. */
  assignees: { unassigned: boolean; userIds: string[]; groupIds: string[] } | null;
  tagId?: string;
  /** Present only when the search has something searchable. */
  search?: { text: string; tsQuery: string };
  after: { at: string; id: string } | null;
};

// How many of the most recent conversations the first attempt probes per filter kind: a tag probe is
// one primary-key lookup, a text probe reads the conversation's messages.
export const TAG_WINDOW = 1000;
export const SEARCH_WINDOW = 150;

const orderBy = sql`ORDER BY ${conversations.lastMessageAt} DESC, ${conversations.id} DESC`;
const picked = sql`${conversations.id}, ${conversations.lastMessageAt}, ${conversations.contactId}, ${conversations.externalName}`;

function baseCondition(f: PickerFilter): SQL {
  return sql`${conversations.accountId} = ${f.accountId} AND ${conversations.status} = ${f.status}${
    f.after ? sql` AND (${conversations.lastMessageAt}, ${conversations.id}) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)` : sql``
  }`;
}

/**
 * (id, last_message_at, contact_id, external_name) of the first `limit` conversations matching the
 * filter's status, assignees and keyset position plus `extra` (which may refer to `conversations`).
 */
function ordered(f: PickerFilter, limit: number, extra?: SQL): SQL {
  const where = sql`${baseCondition(f)}${extra ? sql` AND ${extra}` : sql``}`;
  const a = f.assignees;
  if (!a) return sql`SELECT ${picked} FROM ${conversations} WHERE ${where} ${orderBy} LIMIT ${limit}`;
  if (!a.groupIds.length && a.userIds.length + (a.unassigned ? 1 : 0) === 1) {
    const arm = a.unassigned ? sql`${conversations.assigneeId} IS NULL` : sql`${conversations.assigneeId} = ${a.userIds[0]}::uuid`;
    return sql`SELECT ${picked} FROM ${conversations} WHERE ${where} AND ${arm} ${orderBy} LIMIT ${limit}`;
  }
  const branches: SQL[] = [];
  if (a.unassigned) {
    branches.push(sql`(SELECT ${picked} FROM ${conversations} WHERE ${where} AND ${conversations.assigneeId} IS NULL ${orderBy} LIMIT ${limit})`);
  }
  const who: SQL[] = a.userIds.map((id) => sql`SELECT ${id}::uuid AS uid`);
  if (a.groupIds.length) {
    who.push(
      sql`SELECT ${groupMembers.userId} AS uid FROM ${groupMembers} WHERE ${groupMembers.accountId} = ${f.accountId}
          AND ${groupMembers.groupId} IN (${sql.join(a.groupIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
    );
  }
  if (who.length) {
    // UNION (not ALL) makes each assignee appear once, so the branches are disjoint.
    branches.push(
      sql`(SELECT per.* FROM (${sql.join(who, sql` UNION `)}) who CROSS JOIN LATERAL
          (SELECT ${picked} FROM ${conversations} WHERE ${where} AND ${conversations.assigneeId} = who.uid ${orderBy} LIMIT ${limit}) per)`,
    );
  }
  return sql`SELECT merged.* FROM (${sql.join(branches, sql` UNION ALL `)}) merged
             ORDER BY merged.last_message_at DESC, merged.id DESC LIMIT ${limit}`;
}

function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/** The tag and search filters as per-row probes of a picked row `w`. */
function probes(f: PickerFilter): SQL {
  const parts: SQL[] = [];
  if (f.tagId) {
    parts.push(sql`EXISTS (SELECT 1 FROM ${conversationTags} WHERE ${conversationTags.conversationId} = w.id
        AND ${conversationTags.tagId} = ${f.tagId} AND ${conversationTags.removedAt} IS NULL)`);
  }
  if (f.search) {
    const { text, tsQuery } = f.search;
    parts.push(sql`(
      EXISTS (SELECT 1 FROM ${contacts} WHERE ${contacts.id} = w.contact_id AND ${contacts.accountId} = ${f.accountId}
              AND ${contactSearchVector(contacts)} @@ to_tsquery('simple', ${tsQuery}))
      OR w.external_name ILIKE ${likePattern(text)}
      OR EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.conversationId} = w.id AND ${messages.accountId} = ${f.accountId}
              AND ${messages.kind} = 'message' AND to_tsvector('simple', ${messages.body}) @@ to_tsquery('simple', ${tsQuery}))
      OR EXISTS (SELECT 1 FROM ${conversationTags} JOIN ${tags} ON ${tags.id} = ${conversationTags.tagId}
              WHERE ${conversationTags.conversationId} = w.id AND ${tags.accountId} = ${f.accountId}
              AND lower(${tags.name}) = lower(${text}) AND ${conversationTags.removedAt} IS NULL))`);
  }
  return sql.join(parts, sql` AND `);
}

/** The tag and search filters as sets of candidate conversation ids, each read from its own index. */
function candidates(f: PickerFilter): SQL {
  const parts: SQL[] = [];
  if (f.tagId) {
    parts.push(sql`${conversations.id} IN (SELECT ${conversationTags.conversationId} FROM ${conversationTags}
        WHERE ${conversationTags.tagId} = ${f.tagId} AND ${conversationTags.accountId} = ${f.accountId} AND ${conversationTags.removedAt} IS NULL)`);
  }
  if (f.search) {
    const { text, tsQuery } = f.search;
    parts.push(sql`${conversations.id} IN (
      SELECT ${conversations.id} FROM ${conversations} WHERE ${conversations.accountId} = ${f.accountId} AND ${conversations.contactId} IN
        (SELECT ${contacts.id} FROM ${contacts} WHERE ${contacts.accountId} = ${f.accountId}
         AND ${contactSearchVector(contacts)} @@ to_tsquery('simple', ${tsQuery}))
      UNION SELECT ${conversations.id} FROM ${conversations} WHERE ${conversations.accountId} = ${f.accountId}
        AND ${conversations.externalName} IS NOT NULL AND ${conversations.externalName} ILIKE ${likePattern(text)}
      UNION SELECT ${messages.conversationId} FROM ${messages} WHERE ${messages.accountId} = ${f.accountId}
        AND ${messages.kind} = 'message' AND to_tsvector('simple', ${messages.body}) @@ to_tsquery('simple', ${tsQuery})
      UNION SELECT ${conversationTags.conversationId} FROM ${conversationTags} JOIN ${tags} ON ${tags.id} = ${conversationTags.tagId}
        WHERE ${tags.accountId} = ${f.accountId} AND lower(${tags.name}) = lower(${text}) AND ${conversationTags.removedAt} IS NULL)`);
  }
  return sql.join(parts, sql` AND `);
}

/**
 * The plans for one page of `limit` ids, to try in order: a plan whose page comes back full
 * (`limit` rows) is exact; only the last plan is exact whatever it returns.
 */
export function pagePlans(f: PickerFilter, limit: number): SQL[] {
  if (!f.tagId && !f.search) return [sql`SELECT w.id FROM (${ordered(f, limit)}) w`];
  const window = f.search ? SEARCH_WINDOW : TAG_WINDOW;
  return [
    sql`SELECT w.id FROM (${ordered(f, window)}) w WHERE ${probes(f)}
        ORDER BY w.last_message_at DESC, w.id DESC LIMIT ${limit}`,
    sql`SELECT w.id FROM (${ordered(f, limit, candidates(f))}) w`,
  ];
}
