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
export const SEARCH_WINDOW = 60;

const orderBy = sql`ORDER BY ${conversations.lastMessageAt} DESC, ${conversations.id} DESC`;
const picked = sql`${conversations.id}, ${conversations.lastMessageAt}, ${conversations.contactId}, ${conversations.externalName}`;

function baseCondition(f: PickerFilter): SQL {
  return sql`${conversations.accountId} = ${f.accountId} AND ${conversations.status} = ${f.status}${
    f.after ? sql` AND (${conversations.lastMessageAt}, ${conversations.id}) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)` : sql``
  }`;
}

/** "Unassigned": no owner and no group (a group's conversation shows under "Groups"). */
const unassignedArm = sql`${conversations.assigneeId} IS NULL AND ${conversations.assignedGroupId} IS NULL`;

/**
 * (id, last_message_at, contact_id, external_name) of the first `limit` conversations matching the
 * filter's status, assignees and keyset position plus `extra` (which may refer to `conversations`).
 */
function ordered(f: PickerFilter, limit: number, extra?: SQL): SQL {
  const where = sql`${baseCondition(f)}${extra ? sql` AND ${extra}` : sql``}`;
  const a = f.assignees;
  if (!a) return sql`SELECT ${picked} FROM ${conversations} WHERE ${where} ${orderBy} LIMIT ${limit}`;
  if (!a.groupIds.length && a.userIds.length + (a.unassigned ? 1 : 0) === 1) {
    const arm = a.unassigned ? unassignedArm : sql`${conversations.assigneeId} = ${a.userIds[0]}::uuid`;
    return sql`SELECT ${picked} FROM ${conversations} WHERE ${where} AND ${arm} ${orderBy} LIMIT ${limit}`;
  }
  const branches: SQL[] = [];
  if (a.unassigned) {
    branches.push(sql`(SELECT ${picked} FROM ${conversations} WHERE ${where} AND ${unassignedArm} ${orderBy} LIMIT ${limit})`);
  }
  if (a.groupIds.length) {
    // Assigned to the group itself (no owner): disjoint from the other branches, which need an owner or no group.
    branches.push(
      sql`(SELECT ${picked} FROM ${conversations} WHERE ${where} AND ${conversations.assigneeId} IS NULL
          AND ${conversations.assignedGroupId} IN (${sql.join(a.groupIds.map((id) => sql`${id}::uuid`), sql`, `)}) ${orderBy} LIMIT ${limit})`,
    );
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

type RowRef = { id: SQL; contactId: SQL; externalName: SQL };
const windowRow: RowRef = { id: sql`w.id`, contactId: sql`w.contact_id`, externalName: sql`w.external_name` };
const tableRow: RowRef = { id: sql`${conversations.id}`, contactId: sql`${conversations.contactId}`, externalName: sql`${conversations.externalName}` };

function tagProbe(f: PickerFilter & { tagId: string }, row: RowRef): SQL {
  return sql`EXISTS (SELECT 1 FROM ${conversationTags} WHERE ${conversationTags.conversationId} = ${row.id}
      AND ${conversationTags.tagId} = ${f.tagId} AND ${conversationTags.removedAt} IS NULL)`;
}

function searchProbe(f: PickerFilter, { text, tsQuery }: { text: string; tsQuery: string }, row: RowRef): SQL {
  return sql`(
    EXISTS (SELECT 1 FROM ${contacts} WHERE ${contacts.id} = ${row.contactId} AND ${contacts.accountId} = ${f.accountId}
            AND ${contactSearchVector(contacts)} @@ to_tsquery('simple', ${tsQuery}))
    OR ${row.externalName} ILIKE ${likePattern(text)}
    OR EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.conversationId} = ${row.id} AND ${messages.accountId} = ${f.accountId}
            AND ${messages.kind} = 'message' AND to_tsvector('simple', ${messages.body}) @@ to_tsquery('simple', ${tsQuery}))
    OR EXISTS (SELECT 1 FROM ${conversationTags} JOIN ${tags} ON ${tags.id} = ${conversationTags.tagId}
            WHERE ${conversationTags.conversationId} = ${row.id} AND ${tags.accountId} = ${f.accountId}
            AND lower(${tags.name}) = lower(${text}) AND ${conversationTags.removedAt} IS NULL))`;
}

/** The tag and search filters as per-row probes. */
function probes(f: PickerFilter, row: RowRef): SQL {
  const parts: SQL[] = [];
  if (f.tagId) parts.push(tagProbe({ ...f, tagId: f.tagId }, row));
  if (f.search) parts.push(searchProbe(f, f.search, row));
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/**
 * Ids that may match: the tag's rows, or else everything the search finds, each read from its own
 * index. LATERAL … OFFSET 0 keeps PostgreSQL from turning the few matches into a hash join over
 * the whole account (its estimates for prefix searches are far too high).
 */
function candidateIds(f: PickerFilter): SQL {
  if (f.tagId) {
    return sql`SELECT ${conversationTags.conversationId} AS id FROM ${conversationTags}
        WHERE ${conversationTags.tagId} = ${f.tagId} AND ${conversationTags.accountId} = ${f.accountId} AND ${conversationTags.removedAt} IS NULL`;
  }
  const { text, tsQuery } = f.search!;
  return sql`SELECT byContact.id FROM
        (SELECT ${contacts.id} AS contact_id FROM ${contacts} WHERE ${contacts.accountId} = ${f.accountId}
         AND ${contactSearchVector(contacts)} @@ to_tsquery('simple', ${tsQuery}) OFFSET 0) found
        CROSS JOIN LATERAL (SELECT ${conversations.id} FROM ${conversations}
         WHERE ${conversations.contactId} = found.contact_id AND ${conversations.accountId} = ${f.accountId} OFFSET 0) byContact
      UNION SELECT ${conversations.id} FROM ${conversations} WHERE ${conversations.accountId} = ${f.accountId}
        AND ${conversations.externalName} IS NOT NULL AND ${conversations.externalName} ILIKE ${likePattern(text)}
      UNION SELECT ${messages.conversationId} FROM ${messages} WHERE ${messages.accountId} = ${f.accountId}
        AND ${messages.kind} = 'message' AND to_tsvector('simple', ${messages.body}) @@ to_tsquery('simple', ${tsQuery})
      UNION SELECT ${conversationTags.conversationId} FROM ${conversationTags} JOIN ${tags} ON ${tags.id} = ${conversationTags.tagId}
        WHERE ${tags.accountId} = ${f.accountId} AND lower(${tags.name}) = lower(${text}) AND ${conversationTags.removedAt} IS NULL`;
}

function assigneeCondition(f: PickerFilter): SQL {
  const a = f.assignees;
  if (!a) return sql`true`;
  const parts: SQL[] = [];
  if (a.unassigned) parts.push(unassignedArm);
  if (a.userIds.length) parts.push(sql`${conversations.assigneeId} IN (${sql.join(a.userIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (a.groupIds.length) {
    parts.push(sql`${conversations.assigneeId} IN (SELECT ${groupMembers.userId} FROM ${groupMembers} WHERE ${groupMembers.accountId} = ${f.accountId}
        AND ${groupMembers.groupId} IN (${sql.join(a.groupIds.map((id) => sql`${id}::uuid`), sql`, `)}))`);
    parts.push(sql`(${conversations.assigneeId} IS NULL AND ${conversations.assignedGroupId} IN (${sql.join(a.groupIds.map((id) => sql`${id}::uuid`), sql`, `)}))`);
  }
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export type PagePlan = {
  query: SQL;
  /**
   * Run without parallel workers and without JIT: PostgreSQL cannot estimate prefix searches and
   * plans for tens of thousands of matches where there are a handful, then pays far more to start
   * workers and compile the plan (hundreds of ms) than to read them.
   */
  serial: boolean;
};

/**
 * The plans for one page of `limit` ids, to try in order: a plan whose page comes back full
 * (`limit` rows) is exact; only the last plan is exact whatever it returns.
 */
export function pagePlans(f: PickerFilter, limit: number): PagePlan[] {
  if (!f.tagId && !f.search) return [{ query: sql`SELECT w.id FROM (${ordered(f, limit)}) w`, serial: false }];
  const window = f.search ? SEARCH_WINDOW : TAG_WINDOW;
  // With a tag, its rows are the candidates and the search (if any) is probed on each of them.
  const extra = f.tagId && f.search ? sql` AND ${searchProbe(f, f.search, tableRow)}` : sql``;
  return [
    {
      query: sql`SELECT w.id FROM (${ordered(f, window)}) w WHERE ${probes(f, windowRow)}
        ORDER BY w.last_message_at DESC, w.id DESC LIMIT ${limit}`,
      serial: false,
    },
    {
      query: sql`SELECT x.id FROM (${candidateIds(f)}) cand CROSS JOIN LATERAL
        (SELECT ${conversations.id}, ${conversations.lastMessageAt} FROM ${conversations}
         WHERE ${conversations.id} = cand.id AND ${baseCondition(f)} AND ${assigneeCondition(f)}${extra} LIMIT 1) x
        ORDER BY x.last_message_at DESC, x.id DESC LIMIT ${limit}`,
      serial: !!f.search,
    },
  ];
}
