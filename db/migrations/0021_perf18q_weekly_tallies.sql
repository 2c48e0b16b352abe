CREATE TABLE "analytics_weekly_tallies" (
	"account_id" uuid NOT NULL,
	"week" date NOT NULL,
	"agent_id" uuid,
	"channel" "message_channel",
	"frt" integer[] DEFAULT '{}' NOT NULL,
	"frt_zero" integer DEFAULT 0 NOT NULL,
	"ttc" integer[] DEFAULT '{}' NOT NULL,
	"ttc_zero" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_weekly_tallies_key" UNIQUE NULLS NOT DISTINCT("account_id","week","agent_id","channel")
);
--> statement-breakpoint
ALTER TABLE "analytics_weekly_tallies" ADD CONSTRAINT "analytics_weekly_tallies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A busy day's or week's tallies make a row of 2-8 kB. At the default toast_tuple_target (~2 kB)
-- every update of such a row compressed it again (pglz) and every read decompressed it: rows up
-- to a page now stay plain. (Applies to rows written from now on; not modelled by drizzle.)
ALTER TABLE analytics_daily SET (toast_tuple_target = 8160);
--> statement-breakpoint
ALTER TABLE analytics_weekly_tallies SET (toast_tuple_target = 8160);
--> statement-breakpoint
-- Adding two stored tallies by one merge of their sorted pairs (plpgsql, arrays expanded in place)
-- instead of unnest + group by + sort: ~15x faster on the ~300-bucket tallies a busy day or week
-- holds, and every rollup write adds a few. Both inputs are canonical (what analytics_sparse_tally
-- and this function return: sorted by bucket, no zero counts), so the result is too.
CREATE OR REPLACE FUNCTION analytics_sparse_tally_add(a int[], b int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  na int := coalesce(array_length(a, 1), 0);
  nb int := coalesce(array_length(b, 1), 0);
  r int[];
  i int := 1;
  j int := 1;
  n int := 0;
  k int;
  c int;
BEGIN
  IF na = 0 THEN
    RETURN b;
  ELSIF nb = 0 THEN
    RETURN a;
  END IF;
  r := array_fill(0, ARRAY[na + nb]);
  WHILE i <= na OR j <= nb LOOP
    IF j > nb OR (i <= na AND a[i] < b[j]) THEN
      k := a[i]; c := a[i + 1]; i := i + 2;
    ELSIF i > na OR b[j] < a[i] THEN
      k := b[j]; c := b[j + 1]; j := j + 2;
    ELSE
      k := a[i]; c := a[i + 1] + b[j + 1]; i := i + 2; j := j + 2;
    END IF;
    IF c <> 0 THEN
      r[n + 1] := k;
      r[n + 2] := c;
      n := n + 2;
    END IF;
  END LOOP;
  RETURN r[1:n];
END
$$;
--> statement-breakpoint
-- Weekly duration tallies beside the daily rollups (decision 0062): the same
-- cycles' figures, merged per local week (date_trunc('week'): Mondays) — the team's per channel,
-- each agent's over all channels. Kept in the same statement as the daily rows, by the one
-- function the triggers and the rebuild share, so the two cannot disagree.
CREATE OR REPLACE FUNCTION analytics_rollup_cycles(cycles conversation_cycles[], weight int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(cycles) = 0 THEN
    RETURN;
  END IF;
  WITH g AS MATERIALIZED (
    -- grouped by bucket first: a tally then loops over distinct buckets, not over every cycle
    SELECT c.account_id, x.day, x.agent_id, x.channel, x.handled_day, x.received_hour, x.frt_bucket, x.ttc_bucket,
           sum(x.received) AS received, sum(x.received_reopened) AS received_reopened, sum(x.responses) AS responses,
           sum(x.frt_zero) AS frt_zero, sum(x.completed) AS completed, sum(x.ttc_zero) AS ttc_zero
    FROM unnest(cycles) AS c
    LEFT JOIN analytics_rollup_zones z ON z.account_id = c.account_id
    CROSS JOIN LATERAL analytics_cycle_rollup(c, coalesce(z.time_zone, 'UTC'), weight) AS x
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ),
  daily AS (
    INSERT INTO analytics_daily AS r (account_id, day, agent_id, channel, handled_day, received, received_reopened, received_hours,
                                      responses, frt, frt_zero, completed, ttc, ttc_zero)
    SELECT account_id, day, agent_id, channel, handled_day, sum(received), sum(received_reopened),
           analytics_tally(array_agg(received_hour), array_agg(received::int)),
           sum(responses), analytics_sparse_tally(array_agg(frt_bucket), array_agg(responses::int)), sum(frt_zero),
           sum(completed), analytics_sparse_tally(array_agg(ttc_bucket), array_agg(completed::int)), sum(ttc_zero)
    FROM g
    GROUP BY account_id, day, agent_id, channel, handled_day
    ON CONFLICT ON CONSTRAINT analytics_daily_key DO UPDATE SET
      received = r.received + excluded.received,
      received_reopened = r.received_reopened + excluded.received_reopened,
      received_hours = analytics_tally_add(r.received_hours, excluded.received_hours),
      responses = r.responses + excluded.responses,
      frt = analytics_sparse_tally_add(r.frt, excluded.frt),
      frt_zero = r.frt_zero + excluded.frt_zero,
      completed = r.completed + excluded.completed,
      ttc = analytics_sparse_tally_add(r.ttc, excluded.ttc),
      ttc_zero = r.ttc_zero + excluded.ttc_zero
  ),
  weekly AS (
    SELECT account_id, date_trunc('week', day)::date AS week, agent_id, CASE WHEN agent_id IS NULL THEN channel END AS channel,
           frt_bucket, ttc_bucket, sum(responses) AS responses, sum(frt_zero) AS frt_zero, sum(completed) AS completed, sum(ttc_zero) AS ttc_zero
    FROM g
    WHERE responses <> 0 OR completed <> 0 OR frt_zero <> 0 OR ttc_zero <> 0
    GROUP BY 1, 2, 3, 4, 5, 6
  )
  INSERT INTO analytics_weekly_tallies AS r (account_id, week, agent_id, channel, frt, frt_zero, ttc, ttc_zero)
  SELECT account_id, week, agent_id, channel,
         analytics_sparse_tally(array_agg(frt_bucket), array_agg(responses::int)), sum(frt_zero),
         analytics_sparse_tally(array_agg(ttc_bucket), array_agg(completed::int)), sum(ttc_zero)
  FROM weekly
  GROUP BY account_id, week, agent_id, channel
  ON CONFLICT ON CONSTRAINT analytics_weekly_tallies_key DO UPDATE SET
    frt = analytics_sparse_tally_add(r.frt, excluded.frt),
    frt_zero = r.frt_zero + excluded.frt_zero,
    ttc = analytics_sparse_tally_add(r.ttc, excluded.ttc),
    ttc_zero = r.ttc_zero + excluded.ttc_zero;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_rebuild_rollups(account uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_rollup_zones (account_id, time_zone)
  SELECT a.id, analytics_zone_of(a.time_zone) FROM accounts a WHERE a.id = account
  ON CONFLICT (account_id) DO UPDATE SET time_zone = excluded.time_zone;
  DELETE FROM analytics_daily WHERE account_id = account;
  DELETE FROM analytics_weekly_tallies WHERE account_id = account;
  FOR part IN 0 .. 15 LOOP
    PERFORM analytics_rollup_cycles(ARRAY(
      SELECT c FROM conversation_cycles c WHERE c.account_id = account AND (hashtext(c.conversation_id::text) & 15) = part), 1);
  END LOOP;
  PERFORM analytics_rollup_buckets(ARRAY(SELECT b FROM agent_message_buckets b WHERE b.account_id = account), 1);
  DELETE FROM analytics_open_now WHERE account_id = account;
  INSERT INTO analytics_open_now (account_id, assignee_id, channel, conversations)
  SELECT c.account_id, c.assignee_id, analytics_open_channel(c), count(*)
  FROM conversations c WHERE c.account_id = account AND c.status = 'open'
  GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
-- The existing rollups' weeks, merged from their days (pairs bucket, count added per bucket).
INSERT INTO analytics_weekly_tallies (account_id, week, agent_id, channel, frt, frt_zero, ttc, ttc_zero)
WITH days AS (
  SELECT d.account_id, date_trunc('week', d.day)::date AS week, d.agent_id, CASE WHEN d.agent_id IS NULL THEN d.channel END AS channel,
         d.frt, d.frt_zero, d.ttc, d.ttc_zero
  FROM analytics_daily d
  WHERE d.responses <> 0 OR d.completed <> 0 OR d.frt_zero <> 0 OR d.ttc_zero <> 0
),
pairs AS (
  SELECT w.account_id, w.week, w.agent_id, w.channel, p.kind, p.k, p.n
  FROM days w
  CROSS JOIN LATERAL (
    SELECT 'frt' AS kind, w.frt[2 * i - 1] AS k, w.frt[2 * i] AS n FROM generate_series(1, cardinality(w.frt) / 2) AS i
    UNION ALL
    SELECT 'ttc', w.ttc[2 * i - 1], w.ttc[2 * i] FROM generate_series(1, cardinality(w.ttc) / 2) AS i
  ) AS p
),
tallies AS (
  SELECT account_id, week, agent_id, channel,
         analytics_sparse_tally(array_agg(k) FILTER (WHERE kind = 'frt'), array_agg(n) FILTER (WHERE kind = 'frt')) AS frt,
         analytics_sparse_tally(array_agg(k) FILTER (WHERE kind = 'ttc'), array_agg(n) FILTER (WHERE kind = 'ttc')) AS ttc
  FROM pairs GROUP BY 1, 2, 3, 4
)
SELECT w.account_id, w.week, w.agent_id, w.channel, coalesce(min(t.frt), '{}'), sum(w.frt_zero), coalesce(min(t.ttc), '{}'), sum(w.ttc_zero)
FROM days w
LEFT JOIN tallies t ON (t.account_id, t.week, coalesce(t.agent_id, '00000000-0000-0000-0000-000000000000'), coalesce(t.channel::text, ''))
                     = (w.account_id, w.week, coalesce(w.agent_id, '00000000-0000-0000-0000-000000000000'), coalesce(w.channel::text, ''))
GROUP BY 1, 2, 3, 4;
