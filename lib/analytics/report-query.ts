import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/database";
import { analyticsRollupZones } from "@/db/schema";
import { localDay, startOfLocalDay } from "./period";
import { reportQueryFromRollups, rollupTalliesQuery, withPercentiles, type RollupQueryParams, type TallyRow } from "./report-query-from-rollups";
import type { Channel } from "@/lib/message-channels/message-channels";

export type ReportQueryParams = {
  accountId: string;
  from: Date;
  to: Date;
  timeZone: string;
  /** Only these agents' figures; null for the whole team. */
  agentIds: string[] | null;
  channel: Channel | null;
  tagId: string | null;
};

export type Spread = { count: number; median: number | null; p90: number | null };

export type ReportTotals = {
  received: number;
  receivedReopened: number;
  firstResponse: Spread;
  timeToComplete: Spread;
  completed: number;
  messagesSent: number;
  openNow: number;
  unassignedNow: number;
};

export type ReportRowFigures = Omit<ReportTotals, "receivedReopened" | "unassignedNow">;

export function noFigures(): ReportRowFigures {
  const none = { count: 0, median: null, p90: null };
  return { received: 0, firstResponse: { ...none }, timeToComplete: { ...none }, completed: 0, messagesSent: 0, openNow: 0 };
}

export type RawReport = {
  totals: ReportTotals;
  byAgent: (ReportRowFigures & { agentId: string })[];
  byChannel: (ReportRowFigures & { channel: Channel })[];
  byHour: { hour: number; received: number; sent: number }[];
  byDay: { day: string; received: number; completed: number }[];
};

/**
 * The whole report in one statement, from the analytics facts (migration perf18_sql, decision
 * 0040): `conversation_cycles` — one row per conversation cycle with its received, first-reply
 * and completion instants, channel, responder, completer and handlers, kept by triggers on
 * `messages` in the same transaction — and `agent_message_buckets`, agents' messages counted per
 * 15 minutes, sender and channel. Each period figure is an index range on one instant, so the
 * work is bounded by the period's cycles, not by the conversations' histories.
 *
 * "Sent" reads the buckets when the period starts and ends on a 15-minute boundary (every
 * preset and custom range does: they are local midnights) and no tag is chosen; otherwise the
 * agent messages themselves. Durations are in seconds; percentiles use percentile_cont (linear
 * interpolation) over every cycle in the period: exact.
 *
 * A period of whole local days in the rollups' zone, for the team or one agent and no tag, is
 * read from the per-day rollups instead (report-query-from-rollups.ts, decision 0052): counts
 * exact, percentiles within 1 % — unless the team's period is small (EXACT_BELOW), then the facts.
 */
export async function runReportQuery(
  db: Db,
  p: ReportQueryParams,
  { exactBelow = EXACT_BELOW }: { exactBelow?: number } = {},
): Promise<RawReport> {
  const days = await rollupDays(db, p);
  if (days) {
    const report = await runRollupReport(db, { ...days, accountId: p.accountId, agentId: p.agentIds?.[0] ?? null, channel: p.channel }, exactBelow);
    if (report) return report;
  }
  return runReportStatement(db, reportQuery(p));
}

/** The report from the rollups, or null when the team's period is small enough to be exact (weeks: false reads days only). */
export async function runRollupReport(
  db: Db,
  params: RollupQueryParams,
  exactBelow = 0,
  { weeks = true }: { weeks?: boolean } = {},
): Promise<RawReport | null> {
  // Both statements at once (two connections on PostgreSQL): the tallies are read even when the
  // period turns out small enough for the facts, and are then small too.
  const [counts, result] = await Promise.all([
    runReportJson(db, reportQueryFromRollups(params)),
    db.execute(rollupTalliesQuery(params, { weeks })) as unknown as Promise<TallyRow[] | { rows: TallyRow[] }>,
  ]);
  const raw = counts as RawJson & { durationsInPeriod: number };
  if (raw.durationsInPeriod < exactBelow) return null;
  return toReport(withPercentiles(raw, Array.isArray(result) ? result : result.rows, params.agentId));
}

/**
 * Below this many first responses + completions in the period (the team's), the report is read
 * from the facts with exact percentiles: a few thousand cycles take milliseconds.
 */
export const EXACT_BELOW = 2000;

/**
 * The period as whole local days of the account's rollups, when the rollups can answer: no tag,
 * the whole team or one agent (a group's distinct conversations are not a sum of its agents'),
 * the rollups' zone is the report's and the period runs from a local midnight to another.
 */
async function rollupDays(db: Db, p: ReportQueryParams): Promise<{ firstDay: string; endDay: string } | null> {
  if (p.tagId || (p.agentIds && p.agentIds.length !== 1)) return null;
  const [zone] = await db.select({ timeZone: analyticsRollupZones.timeZone }).from(analyticsRollupZones).where(eq(analyticsRollupZones.accountId, p.accountId));
  if (!zone || zone.timeZone !== p.timeZone) return null;
  const firstDay = localDay(p.from, p.timeZone);
  const endDay = localDay(p.to, p.timeZone);
  if (startOfLocalDay(firstDay, p.timeZone).getTime() !== p.from.getTime()) return null;
  if (startOfLocalDay(endDay, p.timeZone).getTime() !== p.to.getTime()) return null;
  return { firstDay, endDay };
}

/** Runs a statement shaped like `reportQuery`'s and reads its report. */
export async function runReportStatement(db: Db, statement: SQL): Promise<RawReport> {
  return toReport(await runReportJson(db, statement));
}

async function runReportJson(db: Db, statement: SQL): Promise<RawJson> {
  return db.transaction(async (tx) => {
    // The planner's cost estimate can be high enough to trigger JIT compilation, which takes
    // far longer than the query; percentiles sort in memory with a bit more work_mem than the
    // default. Both for this transaction only.
    await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`SET LOCAL work_mem = '32MB'`);
    const result = (await tx.execute(statement)) as unknown as { report: string }[] | { rows: { report: string }[] };
    const [row] = Array.isArray(result) ? result : result.rows;
    return JSON.parse(row.report) as RawJson;
  });
}

const BUCKET_MS = 15 * 60 * 1000;

/** The report's one statement (exported for EXPLAIN in the benchmark). */
export function reportQuery(p: ReportQueryParams): SQL {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const agents = p.agentIds ? sql`${`{${p.agentIds.join(",")}}`}::uuid[]` : null;
  const inTag = (column: SQL) =>
    p.tagId
      ? sql`AND ${column} IN (SELECT ct.conversation_id FROM conversation_tags ct WHERE ct.account_id = ${p.accountId} AND ct.tag_id = ${p.tagId} AND ct.removed_at IS NULL)`
      : sql``;
  const onChannel = (column: SQL) => (p.channel ? sql`AND ${column} = ${p.channel}::message_channel` : sql``);
  const byAgents = (condition: SQL) => (agents ? sql`AND ${condition}` : sql``);
  const inPeriod = (column: SQL) => sql`${column} >= ${from}::timestamptz AND ${column} < ${to}::timestamptz`;
  const tz = p.timeZone;
  const figureColumns = sql.raw(`coalesce(r.n, 0) AS received, coalesce(fr.n, 0) AS responses, fr.pct[1] AS frt_median, fr.pct[2] AS frt_p90,
    coalesce(co.n, 0) AS completed, coalesce(co.timed, 0) AS completions_timed, co.pct[1] AS ttc_median, co.pct[2] AS ttc_p90,
    coalesce(s.n, 0) AS sent, coalesce(o.n, 0) AS open_now`);
  const bucketed = !p.tagId && p.from.getTime() % BUCKET_MS === 0 && p.to.getTime() % BUCKET_MS === 0;
  // Agents' messages in the period: n messages at instant created_at (a bucket's start, or one message).
  const sentRows = bucketed
    ? sql`SELECT b.sender_user_id, b.channel, b.bucket AS created_at, b.messages AS n FROM agent_message_buckets b
          WHERE b.account_id = ${p.accountId} AND ${inPeriod(sql`b.bucket`)} AND b.messages <> 0
            ${onChannel(sql`b.channel`)} ${byAgents(sql`b.sender_user_id = ANY(${agents})`)}`
    : sql`SELECT m.sender_user_id, m.channel, m.created_at, 1 AS n FROM messages m
          WHERE m.account_id = ${p.accountId} AND ${inPeriod(sql`m.created_at`)} AND analytics_is_agent_message(m)
            ${onChannel(sql`m.channel`)} ${byAgents(sql`m.sender_user_id = ANY(${agents})`)} ${inTag(sql`m.conversation_id`)}`;
  // Open conversations, n at a time: the counters kept by trigger (decision 0052), or with a tag the conversations.
  const openRows = p.tagId
    ? sql`SELECT c.assignee_id, coalesce(c.last_inbound_channel, c.channels[1]) AS channel, 1 AS n FROM conversations c
          WHERE c.account_id = ${p.accountId} AND c.status = 'open'
            ${onChannel(sql`coalesce(c.last_inbound_channel, c.channels[1])`)} ${byAgents(sql`c.assignee_id = ANY(${agents})`)} ${inTag(sql`c.id`)}`
    : sql`SELECT o.assignee_id, o.channel, o.conversations AS n FROM analytics_open_now o
          WHERE o.account_id = ${p.accountId} AND o.conversations <> 0
            ${onChannel(sql`o.channel`)} ${byAgents(sql`o.assignee_id = ANY(${agents})`)}`;
  // The handlers of a cycle up to the period's end: all of them unless one came after it.
  const handlers = sql`CASE WHEN c.last_handled_at IS NULL OR c.last_handled_at < ${to}::timestamptz THEN c.handler_ids
    ELSE ARRAY(SELECT DISTINCT h.id FROM unnest(c.handled_by, c.handled_at) AS h(id, at) WHERE h.at < ${to}::timestamptz) END`;

  return sql`
WITH received AS (
  SELECT c.conversation_id, c.cycle, c.channel, c.received_at, ${handlers} AS handler_ids
  FROM conversation_cycles c
  WHERE c.account_id = ${p.accountId} AND ${inPeriod(sql`c.received_at`)} ${onChannel(sql`c.channel`)} ${inTag(sql`c.conversation_id`)}
),
received_by AS (
  SELECT r.* FROM received r WHERE true ${byAgents(sql`r.handler_ids && ${agents}`)}
),
responses AS (
  SELECT c.responder_id, c.channel, extract(epoch FROM c.replied_at - c.received_at)::float8 AS seconds
  FROM conversation_cycles c
  WHERE c.account_id = ${p.accountId} AND ${inPeriod(sql`c.replied_at`)} ${onChannel(sql`c.channel`)}
    ${byAgents(sql`c.responder_id = ANY(${agents})`)} ${inTag(sql`c.conversation_id`)}
),
completions AS (
  SELECT c.completer_id, c.channel, c.completed_at, extract(epoch FROM c.completed_at - c.received_at)::float8 AS seconds
  FROM conversation_cycles c
  WHERE c.account_id = ${p.accountId} AND ${inPeriod(sql`c.completed_at`)} ${onChannel(sql`c.channel`)}
    ${byAgents(sql`c.completer_id = ANY(${agents})`)} ${inTag(sql`c.conversation_id`)}
),
sent AS (${sentRows}),
open_now AS (${openRows}),
agent_received AS (
  SELECT h.key, count(*) AS n FROM received_by r CROSS JOIN LATERAL unnest(r.handler_ids) AS h(key) GROUP BY h.key
),
agent_responses AS (
  SELECT responder_id AS key, count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct
  FROM responses GROUP BY responder_id
),
agent_completions AS (
  SELECT completer_id AS key, count(*) AS n, count(seconds) AS timed,
         percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct
  FROM completions GROUP BY completer_id
),
agent_sent AS (SELECT sender_user_id AS key, sum(n) AS n FROM sent GROUP BY sender_user_id),
agent_open AS (SELECT assignee_id AS key, sum(n) AS n FROM open_now WHERE assignee_id IS NOT NULL GROUP BY assignee_id),
agent_rows AS (
  SELECT k.key AS agent_id, ${figureColumns}
  FROM (SELECT key FROM agent_received UNION SELECT key FROM agent_responses UNION SELECT key FROM agent_completions
        UNION SELECT key FROM agent_sent UNION SELECT key FROM agent_open) k
  LEFT JOIN agent_received r ON r.key = k.key
  LEFT JOIN agent_responses fr ON fr.key = k.key
  LEFT JOIN agent_completions co ON co.key = k.key
  LEFT JOIN agent_sent s ON s.key = k.key
  LEFT JOIN agent_open o ON o.key = k.key
  WHERE k.key IS NOT NULL ${byAgents(sql`k.key = ANY(${agents})`)}
),
channel_received AS (SELECT channel AS key, count(*) AS n FROM received_by GROUP BY channel),
channel_responses AS (
  SELECT channel AS key, count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct
  FROM responses GROUP BY channel
),
channel_completions AS (
  SELECT channel AS key, count(*) AS n, count(seconds) AS timed,
         percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct
  FROM completions GROUP BY channel
),
channel_sent AS (SELECT channel AS key, sum(n) AS n FROM sent GROUP BY channel),
channel_open AS (SELECT channel AS key, sum(n) AS n FROM open_now GROUP BY channel),
channel_rows AS (
  SELECT k.key AS channel, ${figureColumns}
  FROM (SELECT key FROM channel_received UNION SELECT key FROM channel_responses UNION SELECT key FROM channel_completions
        UNION SELECT key FROM channel_sent UNION SELECT key FROM channel_open) k
  LEFT JOIN channel_received r ON r.key = k.key
  LEFT JOIN channel_responses fr ON fr.key = k.key
  LEFT JOIN channel_completions co ON co.key = k.key
  LEFT JOIN channel_sent s ON s.key = k.key
  LEFT JOIN channel_open o ON o.key = k.key
  WHERE k.key IS NOT NULL
),
hour_counts AS (
  SELECT extract(hour FROM received_at AT TIME ZONE ${tz})::int AS hour, 1 AS received, 0 AS sent FROM received_by
  UNION ALL SELECT extract(hour FROM created_at AT TIME ZONE ${tz})::int, 0, n FROM sent
),
hours AS (
  SELECT h.hour, coalesce(sum(c.received), 0)::int AS received, coalesce(sum(c.sent), 0)::int AS sent
  FROM generate_series(0, 23) AS h(hour)
  LEFT JOIN hour_counts c ON c.hour = h.hour
  GROUP BY h.hour
),
day_counts AS (
  SELECT (received_at AT TIME ZONE ${tz})::date AS day, 'received' AS k FROM received_by
  UNION ALL SELECT (completed_at AT TIME ZONE ${tz})::date, 'completed' FROM completions
),
days AS (
  SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
         count(c.k) FILTER (WHERE c.k = 'received') AS received,
         count(c.k) FILTER (WHERE c.k = 'completed') AS completed
  FROM generate_series(
    (${from}::timestamptz AT TIME ZONE ${tz})::date,
    ((${to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${tz})::date,
    interval '1 day'
  ) AS d(day)
  LEFT JOIN day_counts c ON c.day = d.day::date
  GROUP BY d.day
)
SELECT json_build_object(
  'totals', (
    SELECT json_build_object(
      'received', (SELECT count(*) FROM received_by),
      'receivedReopened', (SELECT count(*) FROM received_by WHERE cycle > 1),
      'responses', fr.n, 'frtMedian', fr.pct[1], 'frtP90', fr.pct[2],
      'completed', co.n, 'completionsTimed', co.timed, 'ttcMedian', co.pct[1], 'ttcP90', co.pct[2],
      'sent', (SELECT coalesce(sum(n), 0)::int FROM sent),
      'openNow', (SELECT coalesce(sum(n), 0)::int FROM open_now),
      'unassignedNow', (SELECT coalesce(sum(n), 0)::int FROM open_now WHERE assignee_id IS NULL)
    )
    FROM (SELECT count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct FROM responses) fr,
         (SELECT count(*) AS n, count(seconds) AS timed, percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct
          FROM completions) co
  ),
  'byAgent', coalesce((SELECT json_agg(r) FROM agent_rows r), '[]'),
  'byChannel', coalesce((SELECT json_agg(r) FROM channel_rows r), '[]'),
  'byHour', (SELECT json_agg(h ORDER BY h.hour) FROM hours h),
  'byDay', coalesce((SELECT json_agg(d ORDER BY d.day) FROM days d), '[]')
)::text AS report`;
}

type RawRow = {
  received: number;
  responses: number;
  frt_median: number | null;
  frt_p90: number | null;
  completed: number;
  completions_timed: number;
  ttc_median: number | null;
  ttc_p90: number | null;
  sent: number;
  open_now: number;
};

type RawJson = {
  totals: {
    received: number;
    receivedReopened: number;
    responses: number;
    frtMedian: number | null;
    frtP90: number | null;
    completed: number;
    completionsTimed: number;
    ttcMedian: number | null;
    ttcP90: number | null;
    sent: number;
    openNow: number;
    unassignedNow: number;
  };
  byAgent: (RawRow & { agent_id: string })[];
  byChannel: (RawRow & { channel: Channel })[];
  byHour: { hour: number; received: number; sent: number }[];
  byDay: { day: string; received: number; completed: number }[];
};

function rowFigures(r: RawRow): ReportRowFigures {
  return {
    received: r.received,
    firstResponse: { count: r.responses, median: r.frt_median, p90: r.frt_p90 },
    timeToComplete: { count: r.completions_timed, median: r.ttc_median, p90: r.ttc_p90 },
    completed: r.completed,
    messagesSent: r.sent,
    openNow: r.open_now,
  };
}

function toReport(raw: RawJson): RawReport {
  const t = raw.totals;
  return {
    totals: {
      received: t.received,
      receivedReopened: t.receivedReopened,
      firstResponse: { count: t.responses, median: t.frtMedian, p90: t.frtP90 },
      timeToComplete: { count: t.completionsTimed, median: t.ttcMedian, p90: t.ttcP90 },
      completed: t.completed,
      messagesSent: t.sent,
      openNow: t.openNow,
      unassignedNow: t.unassignedNow,
    },
    byAgent: raw.byAgent.map((r) => ({ agentId: r.agent_id, ...rowFigures(r) })),
    byChannel: raw.byChannel.map((r) => ({ channel: r.channel, ...rowFigures(r) })),
    byHour: raw.byHour.map((h) => ({ hour: Number(h.hour), received: h.received, sent: h.sent })),
    byDay: raw.byDay,
  };
}
