import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { agentStatuses, assignmentSettings, users } from "@/db/schema";
import { can, type Actor } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";

export const availabilities = ["available", "away"] as const;
export type Availability = (typeof availabilities)[number];

export const availabilityInput = z.object({ availability: z.enum(availabilities, { error: "Pick Available or Away." }) });

/** What the header shows: the agent's own choice, and whether automatic assignment sees them as available now. */
export type AgentStatus = { availability: Availability; availableNow: boolean };

/**
 * The SQL of "available for automatic assignment": the agent chose "Available" and has an inbox tab
 * open, or had one within the account's away delay. `awayAfterMinutes` is an SQL expression.
 */
export function availableNowSql(awayAfterMinutes: ReturnType<typeof sql> | number) {
  return sql`(${agentStatuses.availability} = 'available' AND (${agentStatuses.online} OR ${agentStatuses.lastSeenAt} > clock_timestamp() - make_interval(mins => (${awayAfterMinutes})::int)))`;
}

/** The header's status for an agent; null for users who are never assigned (viewers, no access). */
export async function getAgentStatus({ db, actor }: { db: Db; actor: Actor }): Promise<AgentStatus | null> {
  if (!can(actor, "inbox.beAssigned")) return null;
  const [row] = await db
    .select({
      availability: agentStatuses.availability,
      availableNow: availableNowSql(sql`coalesce(${assignmentSettings.awayAfterMinutes}, 10)`).mapWith(Boolean),
    })
    .from(agentStatuses)
    .leftJoin(assignmentSettings, eq(assignmentSettings.accountId, agentStatuses.accountId))
    .where(and(eq(agentStatuses.userId, actor.userId), eq(agentStatuses.accountId, actor.accountId)));
  return row ?? { availability: "available", availableNow: false };
}

/** The header's "Available" / "Away" (agents): automatic assignment skips an agent who is away. */
export const setAvailability = defineCommand({
  permission: "inbox.beAssigned",
  input: availabilityInput,
  transaction: false,
  async run({ tx: db, actor, input: { availability } }): Promise<Result<{ availability: Availability }>> {
    await db
      .insert(agentStatuses)
      .values({ userId: actor.userId, accountId: actor.accountId, availability })
      .onConflictDoUpdate({ target: agentStatuses.userId, set: { availability, updatedAt: new Date() } });
    return ok({ availability });
  },
});

/**
 * Realtime presence of the account's inbox (presence-account-{id}, webhooks member_added /
 * member_removed): the user's first inbox tab opened, or their last one closed. A system path
 * (the realtime server's signed webhook): it only records a user of that account.
 */
export async function recordInboxPresence({ db, accountId, userId, online }: { db: Db; accountId: string; userId: string; online: boolean }) {
  if (!z.string().uuid().safeParse(userId).success || !z.string().uuid().safeParse(accountId).success) return false;
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.accountId, accountId)));
  if (!user) return false;
  const now = new Date();
  await db
    .insert(agentStatuses)
    .values({ userId, accountId, online, lastSeenAt: now })
    .onConflictDoUpdate({ target: agentStatuses.userId, set: { online, lastSeenAt: now, updatedAt: now } });
  return true;
}
