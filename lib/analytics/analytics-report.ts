import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, groupMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";
import { fromZodError, type Result } from "@/lib/result";
import { channels, type Channel } from "@/lib/message-channels/message-channels";
import { isTimeZone, resolvePeriod, type Period } from "./period";
import { reportInput, type ReportFilters } from "./report-input";
import { noFigures, runReportQuery, type RawReport, type ReportRowFigures } from "./report-query";
import { reportScopeOf, type ReportScope } from "./report-scope";

export type AgentRow = ReportRowFigures & { agentId: string; name: string };
export type ChannelRow = ReportRowFigures & { channel: Channel };

export type AnalyticsReport = {
  scope: ReportScope;
  period: Period;
  filters: ReportFilters;
  totals: Omit<RawReport["totals"], "unassignedNow"> & {
    /** Null when the report is narrowed to agents: unassigned conversations are nobody's. */
    unassignedNow: number | null;
  };
  byAgent: AgentRow[];
  byChannel: ChannelRow[];
  byHour: RawReport["byHour"];
  byDay: RawReport["byDay"];
  /** True when the period has no activity and nothing is open: the page shows its empty state. */
  isEmpty: boolean;
};

/**
 * The Analytics report (SPEC §8) for the actor's account. Admins see the team; an agent sees
 * only their own figures whatever filters they send (the agent filter is forced to them);
 * viewers and No-access users get a ForbiddenError.
 */
export async function getAnalyticsReport({
  db,
  actor,
  input,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  input: unknown;
  now?: Date;
}): Promise<Result<AnalyticsReport>> {
  const scope = reportScopeOf(actor);
  const parsed = reportInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const filters = parsed.data;
  if (scope.kind === "own") {
    filters.agent = scope.agentId;
    filters.group = undefined;
  }

  const [account] = await db.select({ timeZone: accounts.timeZone }).from(accounts).where(eq(accounts.id, actor.accountId));
  const timeZone = filters.tz ?? (account && isTimeZone(account.timeZone) ? account.timeZone : "UTC");
  const period = resolvePeriod({ preset: filters.period, timeZone, now, firstDay: filters.from, lastDay: filters.to });
  const agentIds = await agentsOfFilters(db, actor.accountId, filters);

  const raw = await runReportQuery(db, {
    accountId: actor.accountId,
    from: period.from,
    to: period.to,
    timeZone,
    agentIds,
    channel: filters.channel ?? null,
    tagId: filters.tag ?? null,
  });

  const byAgent = await withAgentNames(db, actor.accountId, raw.byAgent, agentIds);
  const byChannel = channels.map(
    (channel) =>
      raw.byChannel.find((r) => r.channel === channel) ?? { channel, ...noFigures() },
  ).filter((r) => !filters.channel || r.channel === filters.channel);
  const t = raw.totals;
  const isEmpty =
    t.received === 0 && t.firstResponse.count === 0 && t.completed === 0 && t.messagesSent === 0 && t.openNow === 0;
  return {
    ok: true,
    value: {
      scope,
      period,
      filters,
      totals: { ...t, unassignedNow: agentIds ? null : t.unassignedNow },
      byAgent,
      byChannel,
      byHour: raw.byHour,
      byDay: raw.byDay,
      isEmpty,
    },
  };
}

/** The agents a report is narrowed to (an agent, a group's members, or both), or null for all. */
async function agentsOfFilters(db: Db, accountId: string, filters: ReportFilters): Promise<string[] | null> {
  let ids: string[] | null = filters.agent ? [filters.agent] : null;
  if (filters.group) {
    const members = await db
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(and(eq(groupMembers.accountId, accountId), eq(groupMembers.groupId, filters.group)));
    const memberIds = members.map((m) => m.userId);
    ids = ids ? ids.filter((id) => memberIds.includes(id)) : memberIds;
  }
  return ids;
}

/**
 * Per-agent rows with names: every Agent of the account (or of the filter) appears, with zeros
 * when idle, plus anyone no longer an Agent who has figures in the period.
 */
async function withAgentNames(
  db: Db,
  accountId: string,
  rows: RawReport["byAgent"],
  agentIds: string[] | null,
): Promise<AgentRow[]> {
  const people = await db
    .select({ id: users.id, name: users.name, accessLevel: users.accessLevel })
    .from(users)
    .where(
      agentIds
        ? and(eq(users.accountId, accountId), inArray(users.id, agentIds.length ? agentIds : ["00000000-0000-0000-0000-000000000000"]))
        : eq(users.accountId, accountId),
    );
  const result: AgentRow[] = [];
  for (const person of people) {
    const row = rows.find((r) => r.agentId === person.id);
    if (!row && person.accessLevel !== "agent") continue;
    result.push({
      agentId: person.id,
      name: person.name,
      ...(row ?? noFigures()),
    });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}
