CREATE TABLE "analytics_daily" (
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"agent_id" uuid,
	"channel" "message_channel",
	"handled_day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_reopened" integer DEFAULT 0 NOT NULL,
	"received_hours" integer[] DEFAULT '{}' NOT NULL,
	"responses" integer DEFAULT 0 NOT NULL,
	"frt" integer[] DEFAULT '{}' NOT NULL,
	"frt_zero" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"ttc" integer[] DEFAULT '{}' NOT NULL,
	"ttc_zero" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"sent_hours" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "analytics_daily_key" UNIQUE NULLS NOT DISTINCT("account_id","day","agent_id","channel","handled_day")
);
--> statement-breakpoint
CREATE TABLE "analytics_open_now" (
	"account_id" uuid NOT NULL,
	"assignee_id" uuid,
	"channel" "message_channel",
	"conversations" integer NOT NULL,
	CONSTRAINT "analytics_open_now_key" UNIQUE NULLS NOT DISTINCT("account_id","assignee_id","channel")
);
--> statement-breakpoint
CREATE TABLE "analytics_rollup_zones" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_open_now" ADD CONSTRAINT "analytics_open_now_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_rollup_zones" ADD CONSTRAINT "analytics_rollup_zones_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Per-day rollups of the analytics facts (decision 0052). Kept by statement triggers on the facts
-- tables (conversation_cycles, agent_message_buckets) and on conversations (open now), in the
-- transaction that changes them; analytics_rebuild_account() recomputes an account's facts and
-- rollups set-based (the operator's backfill, and the bench's bulk seed).
--
-- Hours of the day: int arrays indexed by the hour (the array's lower bound at the first one).
-- Durations: sparse tallies of log buckets, k = ceil(ln(seconds) / ln(1.02)) for a value in
-- (1.02^(k-1), 1.02^k] (see analytics_sparse_tally).
CREATE FUNCTION analytics_tally(idx int[], weights int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r int[];
  lo int;
  hi int;
BEGIN
  SELECT min(i), max(i) INTO lo, hi FROM unnest(idx) AS u(i);
  IF lo IS NULL THEN
    RETURN '{}';
  END IF;
  r := array_fill(0, ARRAY[hi - lo + 1], ARRAY[lo]);
  FOR j IN 1 .. cardinality(idx) LOOP
    IF idx[j] IS NOT NULL THEN
      r[idx[j]] := r[idx[j]] + weights[j];
    END IF;
  END LOOP;
  RETURN r;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_tally_add(a int[], b int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r int[];
BEGIN
  IF cardinality(a) = 0 THEN
    RETURN b;
  ELSIF cardinality(b) = 0 THEN
    RETURN a;
  END IF;
  r := array_fill(0, ARRAY[greatest(array_upper(a, 1), array_upper(b, 1)) - least(array_lower(a, 1), array_lower(b, 1)) + 1],
                  ARRAY[least(array_lower(a, 1), array_lower(b, 1))]);
  FOR j IN array_lower(a, 1) .. array_upper(a, 1) LOOP
    r[j] := r[j] + a[j];
  END LOOP;
  FOR j IN array_lower(b, 1) .. array_upper(b, 1) LOOP
    r[j] := r[j] + b[j];
  END LOOP;
  RETURN r;
END
$$;
--> statement-breakpoint
-- Duration tallies are sparse (a few of ~300 buckets are used in a day): pairs bucket, count,
-- sorted by bucket, no zero counts — one canonical form, whatever order the counts came in.
CREATE FUNCTION analytics_sparse_tally(idx int[], weights int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(v.x ORDER BY g.k, v.pos), '{}')
  FROM (SELECT u.k, sum(u.w)::int AS n FROM unnest(idx, weights) AS u(k, w) WHERE u.k IS NOT NULL GROUP BY u.k HAVING sum(u.w) <> 0) AS g
  CROSS JOIN LATERAL (VALUES (1, g.k), (2, g.n)) AS v(pos, x)
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_sparse_tally_add(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
  SELECT analytics_sparse_tally(array_agg(p.k), array_agg(p.n))
  FROM (SELECT a[i] AS k, a[i + 1] AS n FROM generate_subscripts(a, 1) AS i WHERE i % 2 = 1
        UNION ALL
        SELECT b[i], b[i + 1] FROM generate_subscripts(b, 1) AS i WHERE i % 2 = 1) AS p
$$;
--> statement-breakpoint
-- A duration's log bucket: relative error of the bucket's representative 2*1.02^k/2.02 is at
-- most 0.02/2.02 < 1 %. Zero (and a negative, which the cycles never give) has no bucket: null.
CREATE FUNCTION analytics_duration_bucket(seconds float8) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN seconds > 0 THEN ceil(ln(seconds) / ln(1.02::float8))::int END
$$;
--> statement-breakpoint
-- A bucket's representative value: within 1 % (0.02/2.02) of every value in the bucket.
CREATE FUNCTION analytics_bucket_seconds(bucket int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT 2 * power(1.02::float8, bucket) / 2.02
$$;
--> statement-breakpoint
-- The zone rollups are reckoned in. The report uses them only for periods of whole days in it.
CREATE FUNCTION analytics_zone_of(zone text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM now() AT TIME ZONE zone;
  RETURN zone;
EXCEPTION WHEN OTHERS THEN
  RETURN 'UTC';
END
$$;
--> statement-breakpoint
-- What one cycle adds to the rollups (weight 1) or takes away (-1): received (the team, and each
-- handler on the day by which they held it), the first response (team, responder) and the
-- completion (team, completer), each on its own local day.
CREATE FUNCTION analytics_cycle_rollup(c conversation_cycles, zone text, weight int)
RETURNS TABLE (day date, agent_id uuid, channel message_channel, handled_day date, received int, received_reopened int,
               received_hour int, responses int, frt_bucket int, frt_zero int, completed int, ttc_bucket int, ttc_zero int)
LANGUAGE sql STABLE AS $$
  SELECT (c.received_at AT TIME ZONE zone)::date, NULL::uuid, c.channel, (c.received_at AT TIME ZONE zone)::date,
         weight, CASE WHEN c.cycle > 1 THEN weight ELSE 0 END, extract(hour FROM c.received_at AT TIME ZONE zone)::int,
         0, NULL::int, 0, 0, NULL::int, 0
  WHERE c.received_at IS NOT NULL
  UNION ALL
  SELECT (c.received_at AT TIME ZONE zone)::date, h.id, c.channel, (greatest(c.received_at, h.first_at) AT TIME ZONE zone)::date,
         weight, CASE WHEN c.cycle > 1 THEN weight ELSE 0 END, extract(hour FROM c.received_at AT TIME ZONE zone)::int,
         0, NULL, 0, 0, NULL, 0
  FROM (SELECT x.id, min(x.at) AS first_at FROM unnest(c.handled_by, c.handled_at) AS x(id, at) GROUP BY x.id) h
  WHERE c.received_at IS NOT NULL
  UNION ALL
  SELECT (c.replied_at AT TIME ZONE zone)::date, a.id, c.channel, (c.replied_at AT TIME ZONE zone)::date, 0, 0, NULL,
         weight, analytics_duration_bucket(s.seconds), CASE WHEN s.seconds > 0 THEN 0 ELSE weight END, 0, NULL, 0
  FROM (SELECT NULL::uuid UNION ALL SELECT c.responder_id WHERE c.responder_id IS NOT NULL) AS a(id),
       (SELECT extract(epoch FROM c.replied_at - c.received_at)::float8) AS s(seconds)
  WHERE c.replied_at IS NOT NULL
  UNION ALL
  SELECT (c.completed_at AT TIME ZONE zone)::date, a.id, c.channel, (c.completed_at AT TIME ZONE zone)::date, 0, 0, NULL,
         0, NULL, 0, weight, analytics_duration_bucket(s.seconds),
         CASE WHEN s.seconds IS NOT NULL AND s.seconds <= 0 THEN weight ELSE 0 END
  FROM (SELECT NULL::uuid UNION ALL SELECT c.completer_id WHERE c.completer_id IS NOT NULL) AS a(id),
       (SELECT extract(epoch FROM c.completed_at - c.received_at)::float8) AS s(seconds)
  WHERE c.completed_at IS NOT NULL
$$;
--> statement-breakpoint
-- What one bucket of agents' messages adds (weight 1) or takes away (-1): the team and the sender.
CREATE FUNCTION analytics_bucket_rollup(b agent_message_buckets, zone text, weight int)
RETURNS TABLE (day date, agent_id uuid, channel message_channel, sent int, sent_hour int)
LANGUAGE sql STABLE AS $$
  SELECT (b.bucket AT TIME ZONE zone)::date, a.id, b.channel, weight * b.messages, extract(hour FROM b.bucket AT TIME ZONE zone)::int
  FROM (SELECT NULL::uuid UNION ALL SELECT b.sender_user_id WHERE b.sender_user_id IS NOT NULL) AS a(id)
  WHERE b.messages <> 0
$$;
--> statement-breakpoint
-- Adds (weight 1) or takes away (-1) what the given cycles contribute. The triggers and the
-- rebuild both go through here, so they cannot disagree.
CREATE FUNCTION analytics_rollup_cycles(cycles conversation_cycles[], weight int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(cycles) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO analytics_daily AS r (account_id, day, agent_id, channel, handled_day, received, received_reopened, received_hours,
                                    responses, frt, frt_zero, completed, ttc, ttc_zero)
  SELECT account_id, day, agent_id, channel, handled_day, sum(received), sum(received_reopened),
         analytics_tally(array_agg(received_hour), array_agg(received::int)),
         sum(responses), analytics_sparse_tally(array_agg(frt_bucket), array_agg(responses::int)), sum(frt_zero),
         sum(completed), analytics_sparse_tally(array_agg(ttc_bucket), array_agg(completed::int)), sum(ttc_zero)
  -- grouped by bucket first: a tally then loops over distinct buckets, not over every cycle
  FROM (
    SELECT c.account_id, x.day, x.agent_id, x.channel, x.handled_day, x.received_hour, x.frt_bucket, x.ttc_bucket,
           sum(x.received) AS received, sum(x.received_reopened) AS received_reopened, sum(x.responses) AS responses,
           sum(x.frt_zero) AS frt_zero, sum(x.completed) AS completed, sum(x.ttc_zero) AS ttc_zero
    FROM unnest(cycles) AS c
    LEFT JOIN analytics_rollup_zones z ON z.account_id = c.account_id
    CROSS JOIN LATERAL analytics_cycle_rollup(c, coalesce(z.time_zone, 'UTC'), weight) AS x
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ) AS g
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
    ttc_zero = r.ttc_zero + excluded.ttc_zero;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_rollup_buckets(buckets agent_message_buckets[], weight int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(buckets) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO analytics_daily AS r (account_id, day, agent_id, channel, handled_day, sent, sent_hours)
  SELECT account_id, day, agent_id, channel, day, sum(sent), analytics_tally(array_agg(sent_hour), array_agg(sent::int))
  FROM (
    SELECT b.account_id, x.day, x.agent_id, x.channel, x.sent_hour, sum(x.sent) AS sent
    FROM unnest(buckets) AS b
    LEFT JOIN analytics_rollup_zones z ON z.account_id = b.account_id
    CROSS JOIN LATERAL analytics_bucket_rollup(b, coalesce(z.time_zone, 'UTC'), weight) AS x
    GROUP BY 1, 2, 3, 4, 5
  ) AS g
  GROUP BY account_id, day, agent_id, channel
  ON CONFLICT ON CONSTRAINT analytics_daily_key DO UPDATE SET
    sent = r.sent + excluded.sent,
    sent_hours = analytics_tally_add(r.sent_hours, excluded.sent_hours);
END
$$;
--> statement-breakpoint
-- A rebuild sets analytics.rollups_paused for its transaction and recomputes the rollups after.
CREATE FUNCTION analytics_rollups_paused() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('analytics.rollups_paused', true), '') = 'on'
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_cycles_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT analytics_rollups_paused() THEN
    PERFORM analytics_rollup_cycles(ARRAY(SELECT ROW(n.*)::conversation_cycles FROM new_rows n), 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_cycles_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT analytics_rollups_paused() THEN
    PERFORM analytics_rollup_cycles(ARRAY(SELECT ROW(o.*)::conversation_cycles FROM old_rows o), -1);
    PERFORM analytics_rollup_cycles(ARRAY(SELECT ROW(n.*)::conversation_cycles FROM new_rows n), 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_cycles_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT analytics_rollups_paused() THEN
    -- an account being deleted takes its rollups with it (cascade): nothing to subtract
    PERFORM analytics_rollup_cycles(ARRAY(SELECT ROW(o.*)::conversation_cycles FROM old_rows o WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id = o.account_id)), -1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_buckets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT analytics_rollups_paused() THEN
    PERFORM analytics_rollup_buckets(ARRAY(SELECT ROW(n.*)::agent_message_buckets FROM new_rows n), 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_buckets_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT analytics_rollups_paused() THEN
    PERFORM analytics_rollup_buckets(ARRAY(SELECT ROW(o.*)::agent_message_buckets FROM old_rows o), -1);
    PERFORM analytics_rollup_buckets(ARRAY(SELECT ROW(n.*)::agent_message_buckets FROM new_rows n), 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_buckets_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT analytics_rollups_paused() THEN
    PERFORM analytics_rollup_buckets(ARRAY(SELECT ROW(o.*)::agent_message_buckets FROM old_rows o WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id = o.account_id)), -1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversation_cycles_rollup_inserted AFTER INSERT ON conversation_cycles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_cycles_inserted();
--> statement-breakpoint
CREATE TRIGGER conversation_cycles_rollup_updated AFTER UPDATE ON conversation_cycles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_cycles_updated();
--> statement-breakpoint
CREATE TRIGGER conversation_cycles_rollup_deleted AFTER DELETE ON conversation_cycles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_cycles_deleted();
--> statement-breakpoint
CREATE TRIGGER agent_message_buckets_rollup_inserted AFTER INSERT ON agent_message_buckets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_buckets_inserted();
--> statement-breakpoint
CREATE TRIGGER agent_message_buckets_rollup_updated AFTER UPDATE ON agent_message_buckets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_buckets_updated();
--> statement-breakpoint
CREATE TRIGGER agent_message_buckets_rollup_deleted AFTER DELETE ON agent_message_buckets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_buckets_deleted();
--> statement-breakpoint
-- Open now: conversations not complete, per assignee and the channel the report gives them.
CREATE FUNCTION analytics_open_channel(c conversations) RETURNS message_channel LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(c.last_inbound_channel, c.channels[1])
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_open_add(convs conversations[], weight int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(convs) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM accounts a WHERE a.id IN (SELECT c.account_id FROM unnest(convs) AS c) ORDER BY a.id FOR NO KEY UPDATE;
  INSERT INTO analytics_open_now AS o (account_id, assignee_id, channel, conversations)
  SELECT c.account_id, c.assignee_id, analytics_open_channel(c), weight * count(*)
  FROM unnest(convs) AS c WHERE c.status = 'open'
  GROUP BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT analytics_open_now_key DO UPDATE SET conversations = o.conversations + excluded.conversations;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_conversations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_open_add(ARRAY(SELECT ROW(n.*)::conversations FROM new_rows n WHERE n.status = 'open'), 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_conversations_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (a new message's preview, unread) change none of the three: no write at all.
  PERFORM analytics_open_add(ARRAY(SELECT ROW(o.*)::conversations FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.status = 'open' AND (n.status, n.assignee_id, analytics_open_channel(n), n.account_id)
                                IS DISTINCT FROM (o.status, o.assignee_id, analytics_open_channel(o), o.account_id)), -1);
  PERFORM analytics_open_add(ARRAY(SELECT ROW(n.*)::conversations FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.status = 'open' AND (n.status, n.assignee_id, analytics_open_channel(n), n.account_id)
                                IS DISTINCT FROM (o.status, o.assignee_id, analytics_open_channel(o), o.account_id)), 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_conversations_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_open_add(ARRAY(SELECT ROW(o.*)::conversations FROM old_rows o WHERE o.status = 'open'
                                     AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = o.account_id)), -1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_analytics_inserted AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_conversations_inserted();
--> statement-breakpoint
CREATE TRIGGER conversations_analytics_updated AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_conversations_updated();
--> statement-breakpoint
CREATE TRIGGER conversations_analytics_deleted AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_conversations_deleted();
--> statement-breakpoint
-- 0014's rebuild of the cycles, with the account lock in front (see below).
CREATE OR REPLACE FUNCTION analytics_rebuild_cycles(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  -- One rebuild per conversation at a time, until commit: a second writer waits here and then
  -- reads every committed message (each statement below takes a new snapshot). An advisory lock,
  -- not the conversation row's: a writer that inserted a message holds a key-share lock on that
  -- row (the foreign key), and upgrading it while a command waits for the row would deadlock.
  -- A bulk write (an import, a full rebuild) locks the facts table instead of a lock per id.
  -- The accounts' rows first (decision 0052): the rollups' rows of an account are shared by all
  -- its writers, so they queue here, in the lock the event outbox takes too (its UPDATE of
  -- accounts.last_event_seq), before any conversation's lock — one order, no deadlock.
  PERFORM 1 FROM accounts a
  WHERE a.id IN (SELECT v.account_id FROM conversations v WHERE v.id = ANY(ids))
  ORDER BY a.id FOR NO KEY UPDATE;
  IF cardinality(ids) > 1000 THEN
    LOCK TABLE conversation_cycles IN EXCLUSIVE MODE;
  ELSE
    PERFORM pg_advisory_xact_lock(1634627945, hashtext(u.id::text)) FROM (SELECT DISTINCT id FROM unnest(ids) AS x(id) ORDER BY id) AS u;
  END IF;
  DELETE FROM conversation_cycles c USING unnest(ids) AS u(id) WHERE c.conversation_id = u.id;
  INSERT INTO conversation_cycles (account_id, conversation_id, cycle, received_at, channel, replied_at, responder_id,
                                   completed_at, completer_id, handler_ids, handled_by, handled_at, last_handled_at)
  WITH timeline AS (
    SELECT m.account_id, m.conversation_id, m.id, m.created_at, m.channel, m.sender_user_id,
           m.status_action, m.status_from_user_id, m.status_to_user_id,
           analytics_is_inbound(m) AS inbound, analytics_is_agent_message(m) AS agent_message,
           1 + count(*) FILTER (WHERE m.status_action = 'completed') OVER (
             PARTITION BY m.conversation_id ORDER BY m.created_at, m.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) AS cycle
    FROM unnest(ids) AS u(id)
    JOIN messages m ON m.conversation_id = u.id
    WHERE analytics_is_inbound(m) OR analytics_is_agent_message(m) OR m.status_action IN ('completed', 'assigned', 'reassigned')
  ),
  marked AS (
    SELECT t.*,
           count(*) FILTER (WHERE t.inbound) OVER w AS inbound_no,
           count(*) FILTER (WHERE t.inbound OR t.agent_message) OVER w AS message_no
    FROM timeline t
    WINDOW w AS (PARTITION BY t.conversation_id, t.cycle ORDER BY t.created_at, t.id)
  )
  SELECT account_id, conversation_id, cycle,
         min(created_at) FILTER (WHERE inbound),
         coalesce(max(channel) FILTER (WHERE inbound AND inbound_no = 1),
                  max(channel) FILTER (WHERE (inbound OR agent_message) AND message_no = 1)),
         min(created_at) FILTER (WHERE agent_message AND inbound_no > 0),
         (min(ARRAY[to_char(created_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS'), lpad(id::text, 20, '0'), sender_user_id::text])
            FILTER (WHERE agent_message AND inbound_no > 0))[3]::uuid,
         max(created_at) FILTER (WHERE status_action = 'completed'),
         max(coalesce(status_from_user_id, sender_user_id)::text) FILTER (WHERE status_action = 'completed')::uuid,
         coalesce(array_agg(DISTINCT status_to_user_id)
                    FILTER (WHERE status_action IN ('assigned', 'reassigned') AND status_to_user_id IS NOT NULL), '{}'),
         coalesce(array_agg(status_to_user_id ORDER BY created_at, id)
                    FILTER (WHERE status_action IN ('assigned', 'reassigned') AND status_to_user_id IS NOT NULL), '{}'),
         coalesce(array_agg(created_at ORDER BY created_at, id)
                    FILTER (WHERE status_action IN ('assigned', 'reassigned') AND status_to_user_id IS NOT NULL), '{}'),
         max(created_at) FILTER (WHERE status_action IN ('assigned', 'reassigned') AND status_to_user_id IS NOT NULL)
  FROM marked
  GROUP BY account_id, conversation_id, cycle;
END
$$;
--> statement-breakpoint
-- Recomputes an account's rollups and open counts from its facts and conversations, set-based
-- (in parts of the cycles, to bound memory), in its zone as it is now.
CREATE FUNCTION analytics_rebuild_rollups(account uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_rollup_zones (account_id, time_zone)
  SELECT a.id, analytics_zone_of(a.time_zone) FROM accounts a WHERE a.id = account
  ON CONFLICT (account_id) DO UPDATE SET time_zone = excluded.time_zone;
  DELETE FROM analytics_daily WHERE account_id = account;
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
-- The operator's backfill (and the bench's bulk seed): an account's facts and rollups recomputed
-- from its messages and conversations, as the triggers would have kept them.
CREATE FUNCTION analytics_rebuild_account(account uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('analytics.rollups_paused', 'on', true);
  PERFORM analytics_rebuild_cycles(ARRAY(SELECT id FROM conversations WHERE account_id = account));
  -- Cycles of conversations that are gone (none unless a conversation was deleted around the triggers).
  DELETE FROM conversation_cycles c WHERE c.account_id = account AND NOT EXISTS (SELECT 1 FROM conversations v WHERE v.id = c.conversation_id);
  DELETE FROM agent_message_buckets WHERE account_id = account;
  INSERT INTO agent_message_buckets (account_id, bucket, sender_user_id, channel, messages)
  SELECT m.account_id, analytics_bucket(m.created_at), m.sender_user_id, m.channel, count(*)
  FROM messages m WHERE m.account_id = account AND analytics_is_agent_message(m)
  GROUP BY 1, 2, 3, 4;
  PERFORM set_config('analytics.rollups_paused', 'off', true);
  PERFORM analytics_rebuild_rollups(account);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION analytics_rebuild_all() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rebuild_account(a.id) FROM accounts a;
END
$$;
--> statement-breakpoint
-- The rollups follow the account's zone: a new zone recomputes them (one set-based rebuild).
CREATE FUNCTION analytics_account_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_rollup_zones (account_id, time_zone) VALUES (NEW.id, analytics_zone_of(NEW.time_zone));
  ELSIF NEW.time_zone IS DISTINCT FROM OLD.time_zone
        AND analytics_zone_of(NEW.time_zone) IS DISTINCT FROM (SELECT z.time_zone FROM analytics_rollup_zones z WHERE z.account_id = NEW.id) THEN
    PERFORM analytics_rebuild_rollups(NEW.id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_analytics_zone AFTER INSERT OR UPDATE OF time_zone ON accounts
  FOR EACH ROW EXECUTE FUNCTION analytics_account_zone();
--> statement-breakpoint
SELECT analytics_rebuild_rollups(a.id) FROM accounts a;
