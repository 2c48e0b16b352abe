import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { agentStatuses, assignmentChannelGroups, assignmentSettings, conversations, groupMembers, groups, users } from "@/db/schema";
import type { Channel } from "@/lib/message-channels/message-channels";
import { conversationChanged, type NewEvent } from "@/lib/realtime/events";
import { notifyAgent } from "../notify";
import { writeStatusMessage } from "../status-messages";
import { availableNowSql } from "./agent-status";
import { notifyGroupMembers } from "./group-notify";

/** To an agent, or (limited to a group, none of whose members is available) to the group itself. */
export type AutoAssignment = { assigneeId: string | null; groupId: string | null; events: NewEvent[] };

/**
 * Automatic assignment of a new or reopened Unassigned conversation, inside the transaction that
 * stores the inbound message (issue 16). The account's settings row is locked first, so concurrent
 * arrivals pick one after another and each sees the previous picks:
 *
 * - candidates: Agents who are available now (chose "Available" and have, or recently had, an inbox
 *   tab open), limited to the channel's group when one is set, under the cap of open conversations;
 * - round-robin: the candidate whose last automatic assignment is oldest (never first), then by id;
 * - fewest open: the candidate with the fewest open conversations, then as round-robin.
 *
 * The chosen agent's user row is held FOR SHARE, skipping one that a demotion holds (SKIP LOCKED:
 * never waits, never deadlocks), so the assignee is an Agent at commit. When the channel's group has
 * nobody available, the conversation is assigned to the group (its members are notified; the first
 * to reply takes it). Returns null when the mode is off or nobody is available without a group: the
 * conversation stays Unassigned and the caller notifies as usual.
 */
export async function autoAssign({
  tx,
  accountId,
  conversationId,
  channel,
}: {
  tx: Db;
  accountId: string;
  conversationId: string;
  channel: Channel;
}): Promise<AutoAssignment | null> {
  const [settings] = await tx.select().from(assignmentSettings).where(eq(assignmentSettings.accountId, accountId)).for("update");
  if (!settings || settings.mode === "off") return null;
  const [limit] = await tx
    .select({ groupId: assignmentChannelGroups.groupId })
    .from(assignmentChannelGroups)
    .where(and(eq(assignmentChannelGroups.accountId, accountId), eq(assignmentChannelGroups.channel, channel)));

  const openCount = sql<number>`(SELECT count(*) FROM ${conversations} c WHERE c.account_id = ${accountId} AND c.status = 'open' AND c.assignee_id = ${users.id})`.mapWith(Number);
  const candidates = await tx
    .select({ id: users.id, openCount, lastAutoAssignedAt: agentStatuses.lastAutoAssignedAt })
    .from(users)
    .innerJoin(agentStatuses, eq(agentStatuses.userId, users.id))
    .where(
      and(
        eq(users.accountId, accountId),
        eq(users.accessLevel, "agent"),
        availableNowSql(settings.awayAfterMinutes),
        limit
          ? sql`EXISTS (SELECT 1 FROM ${groupMembers} gm WHERE gm.group_id = ${limit.groupId} AND gm.user_id = ${users.id})`
          : undefined,
      ),
    )
    .orderBy(sql`${agentStatuses.lastAutoAssignedAt} ASC NULLS FIRST`, asc(users.id));
  const eligible = candidates.filter((c) => settings.maxOpenPerAgent === null || c.openCount < settings.maxOpenPerAgent);
  // Array.sort is stable: fewest open first, round-robin order among equals.
  if (settings.mode === "least_open") eligible.sort((a, b) => a.openCount - b.openCount);

  for (const candidate of eligible) {
    const [held] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, candidate.id), eq(users.accountId, accountId), eq(users.accessLevel, "agent")))
      .for("share", { skipLocked: true });
    if (!held) continue;
    const taken = await tx
      .update(conversations)
      .set({ assigneeId: held.id, assignedGroupId: null })
      .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId), isNull(conversations.assigneeId)))
      .returning({ id: conversations.id });
    if (!taken.length) return null;
    await tx
      .update(agentStatuses)
      .set({ lastAutoAssignedAt: sql`clock_timestamp()` })
      .where(eq(agentStatuses.userId, held.id));
    const events: NewEvent[] = [
      await writeStatusMessage({ tx, accountId, conversationId, action: "assigned", actorId: null, toUserId: held.id, automatic: true }),
      conversationChanged(accountId, conversationId, "assigned", { assigneeId: held.id }),
      ...(await notifyAgent({ tx, accountId, userId: held.id, conversationId, kind: "assigned" })),
    ];
    return { assigneeId: held.id, groupId: null, events };
  }
  if (!limit) return null;
  const [group] = await tx.select({ name: groups.name }).from(groups).where(and(eq(groups.id, limit.groupId), eq(groups.accountId, accountId)));
  const taken = await tx
    .update(conversations)
    .set({ assignedGroupId: limit.groupId })
    .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId), isNull(conversations.assigneeId)))
    .returning({ id: conversations.id });
  if (!group || !taken.length) return null;
  return {
    assigneeId: null,
    groupId: limit.groupId,
    events: [
      await writeStatusMessage({ tx, accountId, conversationId, action: "assigned", actorId: null, toGroupName: group.name, automatic: true }),
      conversationChanged(accountId, conversationId, "assigned", { assigneeId: null, assignedGroupId: limit.groupId }),
      ...(await notifyGroupMembers({ tx, accountId, groupId: limit.groupId, conversationId, kind: "new_conversation" })),
    ],
  };
}
