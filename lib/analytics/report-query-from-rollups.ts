import { sql, type SQL } from "drizzle-orm";
import type { Channel } from "@/lib/message-channels/message-channels";
import { DurationTally } from "./duration-tally";
import { wholeWeeks } from "./whole-weeks";

export type RollupQueryParams = {
  accountId: string;
  /** The period as local days of the rollups' zone: firstDay ≤ day < endDay. */
  firstDay: string;
  endDay: string;
  /** One agent's figures, or null for the whole team. */
  agentId: string | null;
  channel: Channel | null;
};

/**
 * The report from the per-day rollups (migration perf18a_rollups, decision 0052): a 30-day
 * whole-team report reads about 30 × (channels + agents × channels) rows of `analytics_daily`.
 * Counts are exact; the percentiles are left empty here and filled by `withPercentiles` from
 * the rows of `rollupTalliesQuery` (log-bucket tallies, within 1 % of the exact values).
 *
 * Besides the report, `durationsInPeriod` is the team's first responses + completions in the
 * period, whatever the filters: the caller computes small periods exactly from the facts.
 */
/**
 * One breakdown's rows (per channel, per agent): every key with figures in the period or
 * conversations open now, from a CTE of sums and a CTE of open counts, both keyed by `key`.
 * The percentiles are left empty (see `withPercentiles`). Names only, never input: raw SQL.
 */
function breakdownRows(keyColumn: "channel" | "agent_id", sums: string, open: string): SQL {
  return sql.raw(`
  SELECT k.key AS ${keyColumn}, coalesce(s.received, 0)::int AS received, coalesce(s.responses, 0)::int AS responses,
    NULL::float8 AS frt_median, NULL::float8 AS frt_p90, coalesce(s.completed, 0)::int AS completed, 0 AS completions_timed,
    NULL::float8 AS ttc_median, NULL::float8 AS ttc_p90, coalesce(s.sent, 0)::int AS sent, coalesce(o.n, 0)::int AS open_now
  FROM (SELECT s.key FROM ${sums} s WHERE s.received <> 0 OR s.responses <> 0 OR s.completed <> 0 OR s.sent <> 0
        UNION SELECT key FROM ${open} WHERE n <> 0) k
  LEFT JOIN ${sums} s ON s.key = k.key
  LEFT JOIN ${open} o ON o.key = k.key
`);
}

export function reportQueryFromRollups(p: RollupQueryParams): SQL {
  const onChannel = p.channel ? sql`AND d.channel = ${p.channel}::message_channel` : sql``;
  const scope = p.agentId ? sql`true` : sql`d.agent_id IS NULL`;

  return sql`
WITH scope AS (
  SELECT d.day, d.agent_id, d.channel, d.received, d.received_reopened, d.received_hours, d.responses, d.completed, d.sent, d.sent_hours
  FROM analytics_daily d WHERE ${periodRows(p)} AND ${scope}
),
-- The agents' rows read apart and narrow: for the team, thousands of rows whose tallies and hours
-- the report does not need here.
members AS (
  SELECT d.agent_id, d.received, d.responses, d.completed, d.sent
  FROM analytics_daily d WHERE ${periodRows(p)} AND d.agent_id IS NOT NULL
),
open_rows AS (
  SELECT d.assignee_id, d.channel, d.conversations AS n FROM analytics_open_now d
  WHERE d.account_id = ${p.accountId} AND d.conversations <> 0
    ${p.agentId ? sql`AND d.assignee_id = ${p.agentId}::uuid` : sql``} ${onChannel}
),
channel_sums AS (
  SELECT channel::text AS key, sum(received) AS received, sum(responses) AS responses, sum(completed) AS completed, sum(sent) AS sent
  FROM scope WHERE channel IS NOT NULL GROUP BY channel
),
channel_open AS (SELECT channel::text AS key, sum(n) AS n FROM open_rows WHERE channel IS NOT NULL GROUP BY channel),
channel_rows AS (${breakdownRows("channel", "channel_sums", "channel_open")}),
agent_sums AS (
  SELECT agent_id::text AS key, sum(received) AS received, sum(responses) AS responses, sum(completed) AS completed, sum(sent) AS sent
  FROM members GROUP BY agent_id
),
agent_open AS (SELECT assignee_id::text AS key, sum(n) AS n FROM open_rows WHERE assignee_id IS NOT NULL GROUP BY assignee_id),
agent_rows AS (${breakdownRows("agent_id", "agent_sums", "agent_open")}),
hour_counts AS (
  SELECT array_lower(s.received_hours, 1) + u.i::int - 1 AS hour, u.v AS received, 0 AS sent
  FROM scope s CROSS JOIN LATERAL unnest(s.received_hours) WITH ORDINALITY AS u(v, i)
  UNION ALL
  SELECT array_lower(s.sent_hours, 1) + u.i::int - 1, 0, u.v
  FROM scope s CROSS JOIN LATERAL unnest(s.sent_hours) WITH ORDINALITY AS u(v, i)
),
hours AS (
  SELECT h.hour, coalesce(sum(c.received), 0)::int AS received, coalesce(sum(c.sent), 0)::int AS sent
  FROM generate_series(0, 23) AS h(hour) LEFT JOIN hour_counts c ON c.hour = h.hour
  GROUP BY h.hour
),
days AS (
  SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(sum(s.received), 0)::int AS received, coalesce(sum(s.completed), 0)::int AS completed
  FROM generate_series(${p.firstDay}::date, ${p.endDay}::date - 1, interval '1 day') AS d(day)
  LEFT JOIN scope s ON s.day = d.day::date
  GROUP BY d.day
)
SELECT json_build_object(
  'totals', (
    SELECT json_build_object(
      'received', coalesce(sum(s.received), 0)::int,
      'receivedReopened', coalesce(sum(s.received_reopened), 0)::int,
      'responses', coalesce(sum(s.responses), 0)::int,
      'frtMedian', NULL, 'frtP90', NULL,
      'completed', coalesce(sum(s.completed), 0)::int,
      'completionsTimed', 0, 'ttcMedian', NULL, 'ttcP90', NULL,
      'sent', coalesce(sum(s.sent), 0)::int,
      'openNow', (SELECT coalesce(sum(n), 0)::int FROM open_rows),
      'unassignedNow', (SELECT coalesce(sum(n), 0)::int FROM open_rows WHERE assignee_id IS NULL)
    ) FROM scope s
  ),
  'byAgent', coalesce((SELECT json_agg(r) FROM agent_rows r), '[]'),
  'byChannel', coalesce((SELECT json_agg(r) FROM channel_rows r), '[]'),
  'byHour', (SELECT json_agg(h ORDER BY h.hour) FROM hours h),
  'byDay', coalesce((SELECT json_agg(d ORDER BY d.day) FROM days d), '[]'),
  'durationsInPeriod', (
    SELECT coalesce(sum(d.responses + d.completed), 0)::int FROM analytics_daily d
    WHERE d.account_id = ${p.accountId} AND d.day >= ${p.firstDay}::date AND d.day < ${p.endDay}::date AND d.agent_id IS NULL
  )
)::text AS report`;
}

/** The rollup rows of the period (and the agent and channel, if chosen). */
function periodRows(p: RollupQueryParams): SQL {
  return sql`d.account_id = ${p.accountId} AND d.day >= ${p.firstDay}::date AND d.day < ${p.endDay}::date
    AND d.handled_day < ${p.endDay}::date
    ${p.agentId ? sql`AND d.agent_id = ${p.agentId}::uuid` : sql``} ${p.channel ? sql`AND d.channel = ${p.channel}::message_channel` : sql``}`;
}

export type TallyRow = {
  agent_id: string | null;
  channel: string | null;
  frt: string | null;
  frt_zero: number;
  ttc: string | null;
  ttc_zero: number;
};

/**
 * The period's duration tallies, row by row, merged by `withPercentiles`: adding a few hundred
 * thousand counts is quicker in the app than unnesting them in SQL. For the team, the period's
 * whole weeks are read from `analytics_weekly_tallies` (a row per week instead of seven, and one
 * per agent instead of one per agent and channel): at 1 M conversations most days' tallies hold
 * most of the ~300 buckets, so a week's row is little longer than a day's. With a channel filter
 * only the team's weekly rows serve (an agent's weekly row spans every channel).
 */
export function rollupTalliesQuery(p: RollupQueryParams, { weeks = true }: { weeks?: boolean } = {}): SQL {
  const daily = sql`SELECT d.agent_id::text AS agent_id, d.channel::text AS channel,
      array_to_string(d.frt, ',') AS frt, d.frt_zero, array_to_string(d.ttc, ',') AS ttc, d.ttc_zero
    FROM analytics_daily d
    WHERE ${periodRows(p)} AND (d.responses <> 0 OR d.completed <> 0)`;
  const w = weeks && !p.agentId ? wholeWeeks(p.firstDay, p.endDay) : null;
  if (!w) return daily;
  const weekly = p.channel ? sql`w.agent_id IS NULL AND w.channel = ${p.channel}::message_channel` : sql`true`;
  const fromWeeks = p.channel ? sql`d.agent_id IS NULL` : sql`true`;
  return sql`${daily} AND NOT (d.day >= ${w.firstWeek}::date AND d.day < ${w.endWeek}::date AND ${fromWeeks})
    UNION ALL
    SELECT w.agent_id::text, w.channel::text, array_to_string(w.frt, ','), w.frt_zero, array_to_string(w.ttc, ','), w.ttc_zero
    FROM analytics_weekly_tallies w
    WHERE w.account_id = ${p.accountId} AND w.week >= ${w.firstWeek}::date AND w.week < ${w.endWeek}::date AND ${weekly}`;
}

type Figures = { frt_median: number | null; frt_p90: number | null; completions_timed: number; ttc_median: number | null; ttc_p90: number | null };
type WithFigures<K extends string> = Figures & { [key in K]: string };

/**
 * Fills the percentiles (and timed completions) of a rollup report from its tallies: the team's
 * rows (or the one agent's) make the totals and the channels, the agents' rows the agents.
 */
export function withPercentiles<
  R extends { totals: { frtMedian: number | null; frtP90: number | null; completionsTimed: number; ttcMedian: number | null; ttcP90: number | null }; byAgent: WithFigures<"agent_id">[]; byChannel: WithFigures<"channel">[] },
>(report: R, rows: TallyRow[], agentId: string | null): R {
  const groups = new Map<string, { frt: DurationTally; ttc: DurationTally }>();
  const add = (key: string, row: TallyRow) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { frt: new DurationTally(), ttc: new DurationTally() }));
    g.frt.add(row.frt, row.frt_zero);
    g.ttc.add(row.ttc, row.ttc_zero);
  };
  for (const row of rows) {
    const team = agentId ? true : row.agent_id === null;
    if (team) {
      add("total", row);
      if (row.channel !== null) add(`channel:${row.channel}`, row);
    }
    if (row.agent_id !== null) add(`agent:${row.agent_id}`, row);
  }
  const figures = (key: string): Figures => {
    const g = groups.get(key);
    return {
      frt_median: g?.frt.percentile(0.5) ?? null,
      frt_p90: g?.frt.percentile(0.9) ?? null,
      completions_timed: g?.ttc.total ?? 0,
      ttc_median: g?.ttc.percentile(0.5) ?? null,
      ttc_p90: g?.ttc.percentile(0.9) ?? null,
    };
  };
  const total = figures("total");
  return {
    ...report,
    totals: {
      ...report.totals,
      frtMedian: total.frt_median,
      frtP90: total.frt_p90,
      completionsTimed: total.completions_timed,
      ttcMedian: total.ttc_median,
      ttcP90: total.ttc_p90,
    },
    byAgent: report.byAgent.map((r) => ({ ...r, ...figures(`agent:${r.agent_id}`) })),
    byChannel: report.byChannel.map((r) => ({ ...r, ...figures(`channel:${r.channel}`) })),
  };
}
