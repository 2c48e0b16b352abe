import { sql, type SQL } from "drizzle-orm";
import type { Channel } from "@/lib/message-channels/message-channels";

export type RollupQueryParams = {
  accountId: string;
  /** The period as local days of the rollups' zone: firstDay ≤ day < endDay. */
  firstDay: string;
  endDay: string;
  /** One agent's figures, or null for the whole team. */
  agentId: string | null;
  channel: Channel | null;
};

/** The bucket that stands for a duration of exactly zero seconds (the rollups count zeros apart). */
const ZERO_BUCKET = -2147483648;

/**
 * The report from the per-day rollups (migration perf18a_rollups, decision 0052): a 30-day
 * whole-team report reads about 30 × (channels + agents × channels) rows of `analytics_daily`.
 * Counts are exact. Percentiles are read from merged log-bucket tallies: each order statistic is
 * replaced by its bucket's representative (within 0.02/2.02 < 1 % of it) and interpolated as
 * percentile_cont does, so a median or p90 is within 1 % of the exact one.
 *
 * Besides the report, `durationsInPeriod` is the team's first responses + completions in the
 * period, whatever the filters: the caller computes small periods exactly from the facts.
 */
export function reportQueryFromRollups(p: RollupQueryParams): SQL {
  const onAgent = p.agentId ? sql`AND d.agent_id = ${p.agentId}::uuid` : sql``;
  const onChannel = p.channel ? sql`AND d.channel = ${p.channel}::message_channel` : sql``;
  const scope = p.agentId ? sql`true` : sql`agent_id IS NULL`;
  const figureColumns = sql.raw(`coalesce(s.received, 0)::int AS received, coalesce(s.responses, 0)::int AS responses,
    fr.p50 AS frt_median, fr.p90 AS frt_p90, coalesce(s.completed, 0)::int AS completed, coalesce(co.total, 0)::int AS completions_timed,
    co.p50 AS ttc_median, co.p90 AS ttc_p90, coalesce(s.sent, 0)::int AS sent, coalesce(o.n, 0)::int AS open_now`);
  const hasFigures = sql.raw(`s.received <> 0 OR s.responses <> 0 OR s.completed <> 0 OR s.sent <> 0`);
  const seconds = (bucket: string) => `CASE WHEN ${bucket} = ${ZERO_BUCKET} THEN 0 ELSE analytics_bucket_seconds(${bucket}) END`;
  // percentile_cont: rank q·(n−1) between order statistics a and b, each its bucket's value.
  const pick = (q: number, name: string) =>
    sql.raw(`min(bucket) FILTER (WHERE upto > floor(${q} * (total - 1))) AS ${name}_a,
             min(bucket) FILTER (WHERE upto > floor(${q} * (total - 1)) + 1) AS ${name}_b`);
  const interpolate = (q: number, name: string) =>
    sql.raw(`${seconds(`${name}_a`)} + (${q} * (total - 1) - floor(${q} * (total - 1)))
             * (coalesce(${seconds(`${name}_b`)}, ${seconds(`${name}_a`)}) - ${seconds(`${name}_a`)}) AS ${name}`);

  return sql`
WITH r AS (
  SELECT d.* FROM analytics_daily d
  WHERE d.account_id = ${p.accountId} AND d.day >= ${p.firstDay}::date AND d.day < ${p.endDay}::date
    AND d.handled_day < ${p.endDay}::date ${onAgent} ${onChannel}
),
scope AS (SELECT * FROM r WHERE ${scope}),
members AS (SELECT * FROM r WHERE agent_id IS NOT NULL),
open_rows AS (
  SELECT d.assignee_id, d.channel, d.conversations AS n FROM analytics_open_now d
  WHERE d.account_id = ${p.accountId} AND d.conversations <> 0
    ${p.agentId ? sql`AND d.assignee_id = ${p.agentId}::uuid` : sql``} ${onChannel}
),
tallies AS (
  SELECT 'total' AS kind, NULL::text AS key, s.frt, s.frt_zero, s.ttc, s.ttc_zero FROM scope s
  UNION ALL SELECT 'channel', s.channel::text, s.frt, s.frt_zero, s.ttc, s.ttc_zero FROM scope s WHERE s.channel IS NOT NULL
  UNION ALL SELECT 'agent', m.agent_id::text, m.frt, m.frt_zero, m.ttc, m.ttc_zero FROM members m
),
durations AS (
  SELECT t.kind, t.key, m.metric, e.bucket, sum(e.n) AS n
  FROM tallies t
  CROSS JOIN LATERAL (VALUES ('frt', t.frt, t.frt_zero), ('ttc', t.ttc, t.ttc_zero)) AS m(metric, tally, zero)
  CROSS JOIN LATERAL (
    SELECT array_lower(m.tally, 1) + u.i::int - 1 AS bucket, u.v AS n FROM unnest(m.tally) WITH ORDINALITY AS u(v, i) WHERE u.v <> 0
    UNION ALL SELECT ${sql.raw(String(ZERO_BUCKET))}, m.zero WHERE m.zero <> 0
  ) AS e
  GROUP BY 1, 2, 3, 4
),
ranked AS (
  SELECT kind, key, metric, bucket,
         sum(n) OVER (PARTITION BY kind, key, metric ORDER BY bucket) AS upto,
         sum(n) OVER (PARTITION BY kind, key, metric) AS total
  FROM durations
),
picked AS (
  SELECT kind, key, metric, total, ${pick(0.5, "p50")}, ${pick(0.9, "p90")}
  FROM ranked WHERE total > 0 GROUP BY kind, key, metric, total
),
pct AS (SELECT kind, key, metric, total, ${interpolate(0.5, "p50")}, ${interpolate(0.9, "p90")} FROM picked),
channel_sums AS (
  SELECT channel::text AS key, sum(received) AS received, sum(responses) AS responses, sum(completed) AS completed, sum(sent) AS sent
  FROM scope WHERE channel IS NOT NULL GROUP BY channel
),
channel_open AS (SELECT channel::text AS key, sum(n) AS n FROM open_rows WHERE channel IS NOT NULL GROUP BY channel),
channel_rows AS (
  SELECT k.key AS channel, ${figureColumns}
  FROM (SELECT s.key FROM channel_sums s WHERE ${hasFigures} UNION SELECT key FROM channel_open WHERE n <> 0) k
  LEFT JOIN channel_sums s ON s.key = k.key
  LEFT JOIN pct fr ON fr.kind = 'channel' AND fr.metric = 'frt' AND fr.key = k.key
  LEFT JOIN pct co ON co.kind = 'channel' AND co.metric = 'ttc' AND co.key = k.key
  LEFT JOIN channel_open o ON o.key = k.key
),
agent_sums AS (
  SELECT agent_id::text AS key, sum(received) AS received, sum(responses) AS responses, sum(completed) AS completed, sum(sent) AS sent
  FROM members GROUP BY agent_id
),
agent_open AS (SELECT assignee_id::text AS key, sum(n) AS n FROM open_rows WHERE assignee_id IS NOT NULL GROUP BY assignee_id),
agent_rows AS (
  SELECT k.key AS agent_id, ${figureColumns}
  FROM (SELECT s.key FROM agent_sums s WHERE ${hasFigures} UNION SELECT key FROM agent_open WHERE n <> 0) k
  LEFT JOIN agent_sums s ON s.key = k.key
  LEFT JOIN pct fr ON fr.kind = 'agent' AND fr.metric = 'frt' AND fr.key = k.key
  LEFT JOIN pct co ON co.kind = 'agent' AND co.metric = 'ttc' AND co.key = k.key
  LEFT JOIN agent_open o ON o.key = k.key
),
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
      'frtMedian', (SELECT p50 FROM pct WHERE kind = 'total' AND metric = 'frt'),
      'frtP90', (SELECT p90 FROM pct WHERE kind = 'total' AND metric = 'frt'),
      'completed', coalesce(sum(s.completed), 0)::int,
      'completionsTimed', coalesce((SELECT total FROM pct WHERE kind = 'total' AND metric = 'ttc'), 0)::int,
      'ttcMedian', (SELECT p50 FROM pct WHERE kind = 'total' AND metric = 'ttc'),
      'ttcP90', (SELECT p90 FROM pct WHERE kind = 'total' AND metric = 'ttc'),
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
