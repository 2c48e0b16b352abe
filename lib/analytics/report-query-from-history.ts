import { sql, type SQL } from "drizzle-orm";
import type { ReportQueryParams } from "./report-query";

/**
 * The report computed from the conversations' whole histories, with no facts: the statement the
 * report used before the facts tables (decision 0040). Kept as the reference the facts are
 * checked against (report-facts.test.ts) and as the benchmark's comparison; not used by the app.
 * Same output shape as `reportQuery`.
 */
export function reportQueryFromHistory(p: ReportQueryParams): SQL {
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
  // An agent's message after the cycle's first inbound message: a reply that can answer it.
  const isReply = sql.raw(`kind = 'message' AND direction = 'out' AND sender_kind = 'agent' AND inbound_no > 0`);
  const figureColumns = sql.raw(`coalesce(r.n, 0) AS received, coalesce(fr.n, 0) AS responses, fr.pct[1] AS frt_median, fr.pct[2] AS frt_p90,
    coalesce(co.n, 0) AS completed, coalesce(co.timed, 0) AS completions_timed, co.pct[1] AS ttc_median, co.pct[2] AS ttc_p90,
    coalesce(s.n, 0) AS sent, coalesce(o.n, 0) AS open_now`);

  return sql`
WITH active AS (
  SELECT DISTINCT m.conversation_id
  FROM messages m
  WHERE m.account_id = ${p.accountId} AND ${inPeriod(sql`m.created_at`)} ${inTag(sql`m.conversation_id`)}
),
timeline AS (
  SELECT m.*,
         1 + count(*) FILTER (WHERE m.status_action = 'completed') OVER (
           PARTITION BY m.conversation_id ORDER BY m.created_at, m.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) AS cycle
  FROM active a
  -- A lookup per conversation (messages_conversation_idx) instead of scanning the account's whole
  -- history; OFFSET 0 keeps the planner from flattening it into a hash join over every message.
  -- Bot messages and the other status rows play no part in any figure.
  CROSS JOIN LATERAL (
    SELECT m.conversation_id, m.id, m.created_at, m.kind, m.direction, m.channel, m.sender_kind, m.sender_user_id,
           m.status_action, m.status_from_user_id, m.status_to_user_id
    FROM messages m
    WHERE m.conversation_id = a.conversation_id AND m.account_id = ${p.accountId} AND m.created_at < ${to}::timestamptz
      AND ((m.kind = 'message' AND (m.direction = 'in' OR m.sender_kind = 'agent'))
           OR m.status_action IN ('completed', 'assigned', 'reassigned'))
    OFFSET 0
  ) m
),
-- Running counts within each cycle, so that "the first inbound message" and "the first message"
-- are each the row whose count is 1 (plain aggregates then pick them, with no per-group sorting).
marked AS (
  SELECT t.*,
         count(*) FILTER (WHERE t.kind = 'message' AND t.direction = 'in') OVER w AS inbound_no,
         count(*) FILTER (WHERE t.kind = 'message') OVER w AS message_no
  FROM timeline t
  WINDOW w AS (PARTITION BY t.conversation_id, t.cycle ORDER BY t.created_at, t.id)
),
cycles AS (
  SELECT conversation_id, cycle,
         min(created_at) FILTER (WHERE kind = 'message' AND direction = 'in') AS received_at,
         coalesce(
           max(channel) FILTER (WHERE kind = 'message' AND direction = 'in' AND inbound_no = 1),
           max(channel) FILTER (WHERE kind = 'message' AND message_no = 1)
         ) AS channel,
         min(created_at) FILTER (WHERE ${isReply}) AS replied_at,
         -- The sender of that first reply: the least (time, id, sender) triple, as sortable text.
         (min(ARRAY[to_char(created_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS'), lpad(id::text, 20, '0'), sender_user_id::text])
            FILTER (WHERE ${isReply}))[3]::uuid AS responder_id,
         max(created_at) FILTER (WHERE status_action = 'completed') AS completed_at,
         max(coalesce(status_from_user_id, sender_user_id)::text) FILTER (WHERE status_action = 'completed')::uuid AS completer_id,
         -- Who held the cycle: everyone it was assigned or reassigned to (may repeat).
         coalesce(array_agg(status_to_user_id) FILTER (WHERE status_action IN ('assigned', 'reassigned') AND status_to_user_id IS NOT NULL), '{}') AS handler_ids
  FROM marked
  GROUP BY conversation_id, cycle
),
received AS (
  SELECT c.* FROM cycles c
  WHERE ${inPeriod(sql`c.received_at`)} ${onChannel(sql`c.channel`)}
    ${byAgents(sql`c.handler_ids && ${agents}`)}
),
responses AS (
  SELECT c.*, extract(epoch FROM c.replied_at - c.received_at)::float8 AS seconds FROM cycles c
  WHERE ${inPeriod(sql`c.replied_at`)} ${onChannel(sql`c.channel`)} ${byAgents(sql`c.responder_id = ANY(${agents})`)}
),
completions AS (
  SELECT c.*, extract(epoch FROM c.completed_at - c.received_at)::float8 AS seconds FROM cycles c
  WHERE ${inPeriod(sql`c.completed_at`)} ${onChannel(sql`c.channel`)} ${byAgents(sql`c.completer_id = ANY(${agents})`)}
),
sent AS (
  SELECT m.sender_user_id, m.channel, m.created_at FROM messages m
  WHERE m.account_id = ${p.accountId} AND ${inPeriod(sql`m.created_at`)}
    AND m.kind = 'message' AND m.direction = 'out' AND m.sender_kind = 'agent'
    ${onChannel(sql`m.channel`)} ${byAgents(sql`m.sender_user_id = ANY(${agents})`)} ${inTag(sql`m.conversation_id`)}
),
open_now AS (
  SELECT c.assignee_id, coalesce(c.last_inbound_channel, c.channels[1]) AS channel FROM conversations c
  WHERE c.account_id = ${p.accountId} AND c.status = 'open'
    ${onChannel(sql`coalesce(c.last_inbound_channel, c.channels[1])`)} ${byAgents(sql`c.assignee_id = ANY(${agents})`)} ${inTag(sql`c.id`)}
),
agent_received AS (
  SELECT key, count(*) AS n
  FROM (SELECT DISTINCT r.conversation_id, r.cycle, h.key FROM received r CROSS JOIN LATERAL unnest(r.handler_ids) AS h(key)) held
  GROUP BY key
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
agent_sent AS (SELECT sender_user_id AS key, count(*) AS n FROM sent GROUP BY sender_user_id),
agent_open AS (SELECT assignee_id AS key, count(*) AS n FROM open_now WHERE assignee_id IS NOT NULL GROUP BY assignee_id),
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
channel_received AS (SELECT channel AS key, count(*) AS n FROM received GROUP BY channel),
channel_responses AS (
  SELECT channel AS key, count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct
  FROM responses GROUP BY channel
),
channel_completions AS (
  SELECT channel AS key, count(*) AS n, count(seconds) AS timed,
         percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY seconds) AS pct
  FROM completions GROUP BY channel
),
channel_sent AS (SELECT channel AS key, count(*) AS n FROM sent GROUP BY channel),
channel_open AS (SELECT channel AS key, count(*) AS n FROM open_now GROUP BY channel),
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
  SELECT extract(hour FROM received_at AT TIME ZONE ${tz})::int AS hour, 'received' AS k FROM received
  UNION ALL SELECT extract(hour FROM created_at AT TIME ZONE ${tz})::int, 'sent' FROM sent
),
hours AS (
  SELECT h.hour, count(c.k) FILTER (WHERE c.k = 'received') AS received, count(c.k) FILTER (WHERE c.k = 'sent') AS sent
  FROM generate_series(0, 23) AS h(hour)
  LEFT JOIN hour_counts c ON c.hour = h.hour
  GROUP BY h.hour
),
day_counts AS (
  SELECT (received_at AT TIME ZONE ${tz})::date AS day, 'received' AS k FROM received
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
      'received', (SELECT count(*) FROM received),
      'receivedReopened', (SELECT count(*) FROM received WHERE cycle > 1),
      'responses', fr.n, 'frtMedian', fr.pct[1], 'frtP90', fr.pct[2],
      'completed', co.n, 'completionsTimed', co.timed, 'ttcMedian', co.pct[1], 'ttcP90', co.pct[2],
      'sent', (SELECT count(*) FROM sent),
      'openNow', (SELECT count(*) FROM open_now),
      'unassignedNow', (SELECT count(*) FROM open_now WHERE assignee_id IS NULL)
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
