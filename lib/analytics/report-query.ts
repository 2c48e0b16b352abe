import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/database";
import type { Channel } from "@/lib/inbox/channels";

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
 * The whole report in one statement, from durable facts only: message rows (direction,
 * channel, sender) and status rows (assigned / reassigned / completed / reopened) with their
 * timestamps, plus the conversations' current status for the "now" figures.
 *
 * Only conversations with some message or status change inside [from, to) can contribute to a
 * period figure, so the work is bounded by the period's activity (messages_account_created_idx),
 * and their history before `to` is split into cycles at each "completed" row.
 * Durations are in seconds; percentiles use percentile_cont (linear interpolation).
 */
export async function runReportQuery(db: Db, p: ReportQueryParams): Promise<RawReport> {
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

  const query = sql`
WITH active AS (
  SELECT DISTINCT m.conversation_id
  FROM messages m
  WHERE m.account_id = ${p.accountId} AND ${inPeriod(sql`m.created_at`)} ${inTag(sql`m.conversation_id`)}
),
timeline AS (
  SELECT m.conversation_id, m.id, m.created_at, m.kind, m.direction, m.channel, m.sender_kind, m.sender_user_id,
         m.status_action, m.status_from_user_id, m.status_to_user_id,
         1 + count(*) FILTER (WHERE m.status_action = 'completed') OVER (
           PARTITION BY m.conversation_id ORDER BY m.created_at, m.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) AS cycle
  FROM messages m
  JOIN active a ON a.conversation_id = m.conversation_id
  WHERE m.account_id = ${p.accountId} AND m.created_at < ${to}::timestamptz
),
marked AS (
  SELECT t.*,
         count(*) FILTER (WHERE t.kind = 'message' AND t.direction = 'in') OVER (
           PARTITION BY t.conversation_id, t.cycle ORDER BY t.created_at, t.id
         ) AS inbound_so_far
  FROM timeline t
),
cycles AS (
  SELECT conversation_id, cycle,
         min(created_at) FILTER (WHERE kind = 'message' AND direction = 'in') AS received_at,
         coalesce(
           (array_agg(channel ORDER BY created_at, id) FILTER (WHERE kind = 'message' AND direction = 'in'))[1],
           (array_agg(channel ORDER BY created_at, id) FILTER (WHERE kind = 'message'))[1]
         ) AS channel,
         min(created_at) FILTER (WHERE kind = 'message' AND direction = 'out' AND sender_kind = 'agent' AND inbound_so_far > 0) AS replied_at,
         (array_agg(sender_user_id ORDER BY created_at, id)
            FILTER (WHERE kind = 'message' AND direction = 'out' AND sender_kind = 'agent' AND inbound_so_far > 0))[1] AS responder_id,
         min(created_at) FILTER (WHERE status_action = 'completed') AS completed_at,
         (array_agg(coalesce(status_from_user_id, sender_user_id)) FILTER (WHERE status_action = 'completed'))[1] AS completer_id,
         coalesce(array_agg(DISTINCT status_to_user_id) FILTER (WHERE status_action IN ('assigned', 'reassigned') AND status_to_user_id IS NOT NULL), '{}') AS handler_ids
  FROM marked
  GROUP BY conversation_id, cycle
),
received AS (
  SELECT c.* FROM cycles c
  WHERE ${inPeriod(sql`c.received_at`)} ${onChannel(sql`c.channel`)} ${byAgents(sql`c.handler_ids && ${agents}`)}
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
facts AS (
  SELECT unnest(handler_ids) AS agent_id, channel, 'received' AS k, NULL::float8 AS seconds FROM received
  UNION ALL SELECT responder_id, channel, 'response', seconds FROM responses
  UNION ALL SELECT completer_id, channel, 'completion', seconds FROM completions
  UNION ALL SELECT sender_user_id, channel, 'sent', NULL FROM sent
  UNION ALL SELECT assignee_id, channel, 'open', NULL FROM open_now
),
-- Received conversations count once per channel even when nobody (or several agents) held them.
channel_facts AS (
  SELECT NULL::uuid AS agent_id, channel, 'received' AS k, NULL::float8 AS seconds FROM received
  UNION ALL SELECT * FROM facts WHERE k <> 'received'
),
agent_rows AS (
  SELECT agent_id,
         count(*) FILTER (WHERE k = 'received') AS received,
         count(*) FILTER (WHERE k = 'response') AS responses,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'response') AS frt_median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'response') AS frt_p90,
         count(*) FILTER (WHERE k = 'completion') AS completed,
         count(seconds) FILTER (WHERE k = 'completion') AS completions_timed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'completion') AS ttc_median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'completion') AS ttc_p90,
         count(*) FILTER (WHERE k = 'sent') AS sent,
         count(*) FILTER (WHERE k = 'open') AS open_now
  FROM facts
  WHERE agent_id IS NOT NULL ${byAgents(sql`agent_id = ANY(${agents})`)}
  GROUP BY agent_id
),
channel_rows AS (
  SELECT channel,
         count(*) FILTER (WHERE k = 'received') AS received,
         count(*) FILTER (WHERE k = 'response') AS responses,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'response') AS frt_median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'response') AS frt_p90,
         count(*) FILTER (WHERE k = 'completion') AS completed,
         count(seconds) FILTER (WHERE k = 'completion') AS completions_timed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'completion') AS ttc_median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE k = 'completion') AS ttc_p90,
         count(*) FILTER (WHERE k = 'sent') AS sent,
         count(*) FILTER (WHERE k = 'open') AS open_now
  FROM channel_facts
  WHERE channel IS NOT NULL
  GROUP BY channel
),
hours AS (SELECT generate_series(0, 23) AS hour),
days AS (
  SELECT to_char(d, 'YYYY-MM-DD') AS day
  FROM generate_series(
    (${from}::timestamptz AT TIME ZONE ${tz})::date,
    ((${to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${tz})::date,
    interval '1 day'
  ) AS d
)
SELECT json_build_object(
  'totals', json_build_object(
    'received', (SELECT count(*) FROM received),
    'receivedReopened', (SELECT count(*) FROM received WHERE cycle > 1),
    'responses', (SELECT count(*) FROM responses),
    'frtMedian', (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FROM responses),
    'frtP90', (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FROM responses),
    'completed', (SELECT count(*) FROM completions),
    'completionsTimed', (SELECT count(seconds) FROM completions),
    'ttcMedian', (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FROM completions),
    'ttcP90', (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FROM completions),
    'sent', (SELECT count(*) FROM sent),
    'openNow', (SELECT count(*) FROM open_now),
    'unassignedNow', (SELECT count(*) FROM open_now WHERE assignee_id IS NULL)
  ),
  'byAgent', coalesce((SELECT json_agg(r) FROM agent_rows r), '[]'),
  'byChannel', coalesce((SELECT json_agg(r) FROM channel_rows r), '[]'),
  'byHour', (
    SELECT json_agg(json_build_object(
      'hour', h.hour,
      'received', (SELECT count(*) FROM received r WHERE extract(hour FROM r.received_at AT TIME ZONE ${tz}) = h.hour),
      'sent', (SELECT count(*) FROM sent s WHERE extract(hour FROM s.created_at AT TIME ZONE ${tz}) = h.hour)
    ) ORDER BY h.hour)
    FROM hours h
  ),
  'byDay', coalesce((
    SELECT json_agg(json_build_object(
      'day', d.day,
      'received', (SELECT count(*) FROM received r WHERE to_char(r.received_at AT TIME ZONE ${tz}, 'YYYY-MM-DD') = d.day),
      'completed', (SELECT count(*) FROM completions c WHERE to_char(c.completed_at AT TIME ZONE ${tz}, 'YYYY-MM-DD') = d.day)
    ) ORDER BY d.day)
    FROM days d
  ), '[]')
)::text AS report`;

  const result = (await db.execute(query)) as unknown as { report: string }[] | { rows: { report: string }[] };
  const [row] = Array.isArray(result) ? result : result.rows;
  return toReport(JSON.parse(row.report) as RawJson);
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
