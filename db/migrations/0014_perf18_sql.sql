-- Analytics facts (decision 0040): conversation_cycles and agent_message_buckets are derived from
-- `messages` by the statement triggers below, in the transaction that changes the messages, so the
-- report reads a period's facts instead of every active conversation's history.
--
-- Which messages count is decided in two functions over a `messages` row (private notes are
-- kind 'note', so neither counts them). A later migration that
-- adds a kind of message the report must not count (e.g. private notes) replaces them with
-- CREATE OR REPLACE FUNCTION and calls analytics_rebuild_all() to refresh the facts.

-- The contact's message: starts a cycle's clock.
CREATE FUNCTION analytics_is_inbound(m messages) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT m.kind = 'message' AND m.direction = 'in'
$$;
--> statement-breakpoint
-- A message an agent wrote to the contact: a reply (after the cycle's first inbound message) and "sent".
CREATE FUNCTION analytics_is_agent_message(m messages) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT m.kind = 'message' AND m.direction = 'out' AND m.sender_kind = 'agent'
$$;
--> statement-breakpoint
-- 15-minute buckets: every time zone's offset is a multiple of 15 minutes, so buckets add up to
-- local hours and days exactly.
CREATE FUNCTION analytics_bucket(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT to_timestamp(floor(extract(epoch FROM t) / 900) * 900)
$$;
--> statement-breakpoint
-- Recomputes the cycles of the given conversations from their whole history (the definitions of
-- lib/analytics/metric-definitions.ts): split at each "completed" status row; per cycle the first
-- inbound message, its channel (else the first message's), the first agent message after it and
-- its sender, the completion and who completed, and everyone it was assigned to, with when.
CREATE FUNCTION analytics_rebuild_cycles(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  -- One rebuild per conversation at a time, until commit: a second writer waits here and then
  -- reads every committed message (each statement below takes a new snapshot). An advisory lock,
  -- not the conversation row's: a writer that inserted a message holds a key-share lock on that
  -- row (the foreign key), and upgrading it while a command waits for the row would deadlock.
  -- A bulk write (an import, a full rebuild) locks the facts table instead of a lock per id.
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
CREATE FUNCTION analytics_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rebuild_cycles(ARRAY(SELECT DISTINCT n.conversation_id FROM new_rows n));
  INSERT INTO agent_message_buckets AS b (account_id, bucket, sender_user_id, channel, messages)
  SELECT n.account_id, analytics_bucket(n.created_at), n.sender_user_id, n.channel, count(*)
  FROM new_rows n WHERE analytics_is_agent_message(n)
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (account_id, bucket, sender_user_id, channel) DO UPDATE SET messages = b.messages + excluded.messages;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Whether an update changed anything the facts read (else it costs one join and nothing more).
CREATE FUNCTION analytics_fact_changed(o messages, n messages) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT (o.created_at, o.conversation_id, o.account_id, o.sender_user_id, o.channel, o.status_action,
          o.status_from_user_id, o.status_to_user_id, analytics_is_inbound(o), analytics_is_agent_message(o))
         IS DISTINCT FROM
         (n.created_at, n.conversation_id, n.account_id, n.sender_user_id, n.channel, n.status_action,
          n.status_from_user_id, n.status_to_user_id, analytics_is_inbound(n), analytics_is_agent_message(n))
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_messages_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rebuild_cycles(ARRAY(
    SELECT DISTINCT x.id
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.conversation_id), (n.conversation_id)) AS x(id)
    WHERE analytics_fact_changed(o, n)));
  INSERT INTO agent_message_buckets AS b (account_id, bucket, sender_user_id, channel, messages)
  SELECT d.account_id, d.bucket, d.sender_user_id, d.channel, sum(d.delta)
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  CROSS JOIN LATERAL (
    SELECT o.account_id, analytics_bucket(o.created_at), o.sender_user_id, o.channel, -1 WHERE analytics_is_agent_message(o)
    UNION ALL
    SELECT n.account_id, analytics_bucket(n.created_at), n.sender_user_id, n.channel, 1 WHERE analytics_is_agent_message(n)
  ) AS d(account_id, bucket, sender_user_id, channel, delta)
  WHERE analytics_fact_changed(o, n)
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (account_id, bucket, sender_user_id, channel) DO UPDATE SET messages = b.messages + excluded.messages;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rebuild_cycles(ARRAY(SELECT DISTINCT o.conversation_id FROM old_rows o));
  INSERT INTO agent_message_buckets AS b (account_id, bucket, sender_user_id, channel, messages)
  SELECT o.account_id, analytics_bucket(o.created_at), o.sender_user_id, o.channel, -count(*)
  FROM old_rows o WHERE analytics_is_agent_message(o)
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (account_id, bucket, sender_user_id, channel) DO UPDATE SET messages = b.messages + excluded.messages;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER messages_analytics_inserted AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_messages_inserted();
--> statement-breakpoint
CREATE TRIGGER messages_analytics_updated AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_messages_updated();
--> statement-breakpoint
CREATE TRIGGER messages_analytics_deleted AFTER DELETE ON messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_messages_deleted();
--> statement-breakpoint
-- The report's index ranges, covering what it reads (index-only scans once vacuumed).
CREATE INDEX conversation_cycles_received_idx ON conversation_cycles (account_id, received_at)
  INCLUDE (conversation_id, cycle, channel, handler_ids, last_handled_at, handled_by, handled_at);
--> statement-breakpoint
CREATE INDEX conversation_cycles_replied_idx ON conversation_cycles (account_id, replied_at)
  INCLUDE (conversation_id, received_at, responder_id, channel);
--> statement-breakpoint
CREATE INDEX conversation_cycles_completed_idx ON conversation_cycles (account_id, completed_at)
  INCLUDE (conversation_id, received_at, completer_id, channel);
--> statement-breakpoint
CREATE INDEX agent_message_buckets_report_idx ON agent_message_buckets (account_id, bucket)
  INCLUDE (sender_user_id, channel, messages);
--> statement-breakpoint
-- Rebuilds every fact from the messages (after changing the two rules above).
CREATE FUNCTION analytics_rebuild_all() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rebuild_cycles(ARRAY(SELECT id FROM conversations));
  DELETE FROM agent_message_buckets;
  INSERT INTO agent_message_buckets (account_id, bucket, sender_user_id, channel, messages)
  SELECT m.account_id, analytics_bucket(m.created_at), m.sender_user_id, m.channel, count(*)
  FROM messages m WHERE analytics_is_agent_message(m)
  GROUP BY 1, 2, 3, 4;
END
$$;
--> statement-breakpoint
SELECT analytics_rebuild_all();
