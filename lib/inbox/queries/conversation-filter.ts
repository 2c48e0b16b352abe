import { z } from "zod";
import type { Channel } from "@/lib/message-channels/message-channels";
import { prefixTsQuery } from "./search-terms";

/**
 * The left pane's filter (SPEC §4–§5): its input, and what it picks. Pure and client-safe:
 * `listConversations` turns it into SQL, and the browser asks `rowMatchesFilter` whether a
 * conversation that changed belongs in the list it shows — one rule, read in both places.
 */
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
  /** Assigned to a group, with no individual owner yet (issue 16). */
  assignedGroupId: string | null;
  assignedGroupName: string | null;
  tags: { id: string; name: string }[];
  /** The conversation's latest outbound message was not delivered (issue 14): the list marks it. */
  undelivered?: boolean;
};

/**
 * The assignees an "Assignment" filter picks: Unassigned (no owner and no group), and these users,
 * or these groups — their members' conversations and those assigned to the group itself.
 */
export type PickedAssignees = { unassigned: boolean; userIds: string[]; groupIds: string[] };

/** What the "Assignment" filter picks for `meId` ("Mine"); null when it picks nothing, i.e. everyone's conversations. */
export function pickedAssignees(filter: AssignmentFilter | undefined, meId: string): PickedAssignees | null {
  if (!filter) return null;
  const userIds = [...new Set([...(filter.mine ? [meId] : []), ...(filter.agentIds ?? [])])];
  const groupIds = [...new Set(filter.groupIds ?? [])];
  const unassigned = !!filter.unassigned;
  return unassigned || userIds.length || groupIds.length ? { unassigned, userIds, groupIds } : null;
}

/** The search typed into the box, when anything searchable remains in it (else no search filter applies). */
export function searchOf(text: string | undefined): { text: string; tsQuery: string } | undefined {
  const trimmed = text?.trim();
  const tsQuery = trimmed ? prefixTsQuery(trimmed) : null;
  return trimmed && tsQuery ? { text: trimmed, tsQuery } : undefined;
}

/**
 * Whether a conversation row belongs in the list `filter` shows to `meId` — the same rule as
 * `listConversations`' SQL. Null when the row alone cannot tell: a text search also reads the
 * conversation's messages and its contact, so only the server knows.
 */
export function rowMatchesFilter(
  row: Pick<ConversationRow, "status" | "assigneeId" | "tags"> & { assignedGroupId?: string | null },
  filter: ListConversationsInput,
  { meId, groupMembers }: { meId: string; groupMembers: Record<string, string[]> },
): boolean | null {
  if (row.status !== (filter.status ?? "open")) return false;
  const picked = pickedAssignees(filter.assignment, meId);
  if (picked) {
    const assignee = row.assigneeId;
    const ok =
      (picked.unassigned && assignee === null && !row.assignedGroupId) ||
      (assignee === null && !!row.assignedGroupId && picked.groupIds.includes(row.assignedGroupId)) ||
      (assignee !== null && (picked.userIds.includes(assignee) || picked.groupIds.some((g) => groupMembers[g]?.includes(assignee))));
    if (!ok) return false;
  }
  if (filter.tagId && !row.tags.some((t) => t.id === filter.tagId)) return false;
  if (searchOf(filter.search)) return null;
  return true;
}
