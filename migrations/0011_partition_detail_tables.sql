-- The big detail tables (call_events, transcript_fragments, fragment_scores, keyword_hits)
-- become range-partitioned by occurred_at, one partition per UTC day, so retention drops
-- whole days of detail (DROP TABLE of a partition: no delete, no vacuum, no bloat) instead
-- of deleting rows call by call.
--
-- Why occurred_at: a unique key of a partitioned table must include the partition key, so
-- the writer's idempotent inserts become ON CONFLICT (event_id, occurred_at). That stays
-- idempotent only if an event's partition key is the same every time it is written.
-- occurred_at is the provider's timestamp_utc, part of the body the event id is made from
-- (a hash of the canonical body, or the provider's idempotency header on a retry of the
-- same body), and it travels inside the Kafka message, so a Kafka replay and a provider
-- retry carry the same value. received_at would not do: ingest stamps it per delivery, so
-- a provider retry of the same event would get a second row. (One exception, documented:
-- an event of an unknown type with no usable timestamp takes received_at as occurred_at,
-- so a provider retry of it stores a second audit row; such events are never analyzed and
-- count in no figure.) Scores and hits carry the occurred_at of the event they analyze
-- (the analyzer copies it into the analysis message), so they land in the same day as
-- their fragment and a join on (event_id, occurred_at) prunes to one partition.
--
-- Rows whose day has no partition go to a DEFAULT partition: late events for days already
-- dropped by retention, or times far outside the window created ahead. Daily partitions
-- are created ahead (today - 1 to today + 7) by the migration runner and by the writer at
-- start and every hour, and by the writer on demand for the days of a batch (a replay of
-- old traffic), each in a transaction of its own. Creating a day's partition moves that
-- day's rows out of the DEFAULT partition first.

-- The tables as they were, out of the way (index names are schema-wide).
ALTER TABLE call_events RENAME TO call_events_unpartitioned;
ALTER INDEX call_events_pkey RENAME TO call_events_unpartitioned_pkey;
ALTER INDEX call_events_call_idx RENAME TO call_events_unpartitioned_call_idx;
ALTER TABLE transcript_fragments RENAME TO transcript_fragments_unpartitioned;
ALTER INDEX transcript_fragments_pkey RENAME TO transcript_fragments_unpartitioned_pkey;
ALTER INDEX transcript_fragments_call_idx RENAME TO transcript_fragments_unpartitioned_call_idx;
ALTER TABLE fragment_scores RENAME TO fragment_scores_unpartitioned;
ALTER INDEX fragment_scores_pkey RENAME TO fragment_scores_unpartitioned_pkey;
ALTER TABLE keyword_hits RENAME TO keyword_hits_unpartitioned;
ALTER INDEX keyword_hits_pkey RENAME TO keyword_hits_unpartitioned_pkey;
ALTER INDEX keyword_hits_event_id_utterance_index_list_name_term_start__key
  RENAME TO keyword_hits_unpartitioned_event_key;
ALTER INDEX keyword_hits_call_idx RENAME TO keyword_hits_unpartitioned_call_idx;
ALTER INDEX keyword_hits_list_call_idx RENAME TO keyword_hits_unpartitioned_list_call_idx;

-- Same columns, defaults and checks (including 0005's open speaker names).
CREATE TABLE call_events (
  LIKE call_events_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
  PRIMARY KEY (event_id, occurred_at),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX call_events_call_idx ON call_events (source, call_id, occurred_at);

-- No foreign key to call_events any more: a key referencing a partitioned table would
-- have to be (event_id, occurred_at), every insert would pay a lookup for what the writer
-- already guarantees (the fragment and its event come from the same message, in the same
-- transaction), and dropping a day of call_events would first have to prove that no
-- fragment still references it. Retention drops both tables' days.
CREATE TABLE transcript_fragments (
  LIKE transcript_fragments_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
  PRIMARY KEY (event_id, occurred_at),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX transcript_fragments_call_idx ON transcript_fragments (source, call_id, seq);

-- occurred_at: the time of the scored event (never a foreign key: a score can arrive
-- before its fragment, as before).
CREATE TABLE fragment_scores (
  LIKE fragment_scores_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, occurred_at),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
) PARTITION BY RANGE (occurred_at);

-- occurred_at: the time of the fragment or call_ended event the hit was found in.
CREATE TABLE keyword_hits (
  LIKE keyword_hits_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (id, occurred_at),
  CONSTRAINT keyword_hits_event_key
    UNIQUE (event_id, utterance_index, list_name, term, start_offset, occurred_at),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX keyword_hits_call_idx ON keyword_hits (source, call_id, phase);
CREATE INDEX keyword_hits_list_call_idx ON keyword_hits (list_name, source, call_id, phase);
ALTER SEQUENCE keyword_hits_id_seq OWNED BY keyword_hits.id;

CREATE TABLE call_events_default PARTITION OF call_events DEFAULT;
CREATE TABLE transcript_fragments_default PARTITION OF transcript_fragments DEFAULT;
CREATE TABLE fragment_scores_default PARTITION OF fragment_scores DEFAULT;
CREATE TABLE keyword_hits_default PARTITION OF keyword_hits DEFAULT;

-- The daily partitions of the detail tables, with their UTC day (from the name).
CREATE VIEW detail_partitions AS
SELECT p.relname::text AS parent, c.relname::text AS partition,
  to_date(right(c.relname, 8), 'YYYYMMDD') AS day
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_class p ON p.oid = i.inhparent
WHERE p.relnamespace = current_schema()::regnamespace
  AND p.relname IN ('call_events', 'transcript_fragments', 'fragment_scores', 'keyword_hits')
  AND c.relname ~ '_[0-9]{8}$';

-- Creates the partition of `parent` for one UTC day, unless it exists or the day is wholly
-- before the retention horizon (its detail is gone; late rows for it stay in DEFAULT).
-- Rows of that day already in the DEFAULT partition move into the new one. One parent per
-- call, so a caller that commits after each holds one parent's lock at a time (a writer
-- transaction inserting into several tables can then never deadlock with it).
CREATE FUNCTION create_detail_partition(parent text, day date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  name text := parent || '_' || to_char(day, 'YYYYMMDD');
  lo timestamptz := day::timestamp AT TIME ZONE 'UTC';
  hi timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
  stray boolean;
BEGIN
  IF parent NOT IN ('call_events', 'transcript_fragments', 'fragment_scores', 'keyword_hits') THEN
    RAISE EXCEPTION 'not a detail table: %', parent USING ERRCODE = '22023';
  END IF;
  -- Runners (writers, the migration runner) take turns.
  PERFORM pg_advisory_xact_lock(7342011, hashtext(name));
  IF to_regclass(name) IS NOT NULL OR hi <= (SELECT dropped_before FROM retention_horizon) THEN
    RETURN false;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE occurred_at >= $1 AND occurred_at < $2)',
    parent || '_default') INTO stray USING lo, hi;
  IF stray THEN
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
      name, parent);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE occurred_at >= $1 AND occurred_at < $2 '
      'RETURNING *) INSERT INTO %I SELECT * FROM moved', parent || '_default', name)
      USING lo, hi;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
      parent, name, lo, hi);
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
      name, parent, lo, hi);
  END IF;
  RETURN true;
END
$$;

-- Every detail table's partition for each of the days (in one transaction: for the
-- migration, and for operators by hand). Returns the partitions created.
CREATE FUNCTION create_detail_partitions(days date[]) RETURNS integer
LANGUAGE sql AS $$
  SELECT count(*) FILTER (WHERE create_detail_partition(t, d))::integer
  FROM (SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL) ds
  CROSS JOIN unnest(ARRAY['call_events', 'transcript_fragments', 'fragment_scores',
    'keyword_hits']) AS t
$$;

-- Drops one day of one detail table (retention). Only wholly below the horizon: the
-- horizon moves first, so figures of calls that started before it are frozen before any
-- of their detail goes.
CREATE FUNCTION drop_detail_partition(parent text, day date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  horizon timestamptz;
  part text := parent || '_' || to_char(day, 'YYYYMMDD');
BEGIN
  SELECT dropped_before INTO horizon FROM retention_horizon;
  IF (day + 1)::timestamp AT TIME ZONE 'UTC' > horizon THEN
    RAISE EXCEPTION 'detail after the retention horizon (%) is kept', horizon
      USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM detail_partitions p WHERE p.partition = part AND p.parent = $1) THEN
    RETURN false;
  END IF;
  EXECUTE format('DROP TABLE %I', part);
  RETURN true;
END
$$;

-- Deletes the rows below the horizon that sit in the DEFAULT partitions (late events for
-- days already dropped). Returns the rows deleted.
CREATE FUNCTION drop_default_detail() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  horizon timestamptz;
  deleted bigint := 0;
  n bigint;
  t text;
BEGIN
  SELECT dropped_before INTO horizon FROM retention_horizon;
  FOREACH t IN ARRAY ARRAY['keyword_hits', 'fragment_scores', 'transcript_fragments',
    'call_events'] LOOP
    EXECUTE format('DELETE FROM %I WHERE occurred_at < $1', t || '_default') USING horizon;
    GET DIAGNOSTICS n = ROW_COUNT;
    deleted := deleted + n;
  END LOOP;
  RETURN deleted;
END
$$;

-- Retention drops partitions now. 0010's drop_call_detail stays, and still works on the
-- partitioned tables, for deleting the detail of a range of calls by hand.

-- A partition for every day that has rows, and the days around today.
SELECT create_detail_partitions(ARRAY(
  SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date FROM call_events_unpartitioned
  UNION
  SELECT d::date FROM generate_series(
    (now() AT TIME ZONE 'UTC')::date - 1, (now() AT TIME ZONE 'UTC')::date + 7, interval '1 day'
  ) AS d
));

INSERT INTO call_events SELECT * FROM call_events_unpartitioned;
INSERT INTO transcript_fragments SELECT * FROM transcript_fragments_unpartitioned;
-- Scores and hits stored before this migration take their event's time (a score its
-- fragment's, which the views join on); one whose event has not arrived takes the call's
-- first event time, else when it was stored.
INSERT INTO fragment_scores
SELECT s.*, COALESCE(f.occurred_at, e.occurred_at, c.first_event_at, s.scored_at)
FROM fragment_scores_unpartitioned s
LEFT JOIN transcript_fragments_unpartitioned f ON f.event_id = s.event_id
LEFT JOIN call_events_unpartitioned e ON e.event_id = s.event_id
LEFT JOIN calls c ON c.source = s.source AND c.call_id = s.call_id;
INSERT INTO keyword_hits
SELECT h.*, COALESCE(e.occurred_at, c.first_event_at, now())
FROM keyword_hits_unpartitioned h
LEFT JOIN call_events_unpartitioned e ON e.event_id = h.event_id
LEFT JOIN calls c ON c.source = h.source AND c.call_id = h.call_id;

-- The views over the detail tables, rebuilt on the new tables. A score is looked up by its
-- event id and time, one fragment at a time, so each lookup goes to one partition (a plain
-- join lets the planner hash every partition of fragment_scores instead).
DROP VIEW fragment_sentiment;
DROP VIEW call_figures_computed;

-- Databases that already have 0020's triggers keep them on the new tables (0020 creates
-- them itself on a new database, after this migration). Trigger names are per table.
DO $$
DECLARE
  t text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'transcript_fragments_notify_insert') THEN
    FOREACH t IN ARRAY ARRAY['transcript_fragments', 'fragment_scores', 'keyword_hits'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed()', t || '_notify_insert', t);
      EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed()', t || '_notify_update', t);
    END LOOP;
  END IF;
END
$$;

DROP TABLE keyword_hits_unpartitioned;
DROP TABLE fragment_scores_unpartitioned;
DROP TABLE transcript_fragments_unpartitioned;
DROP TABLE call_events_unpartitioned;

-- One call's fragments with their scores, looked for between the call's first and last
-- event times (the writer moves those in the same transaction as it stores each fragment's
-- event, so every fragment is between them). Planned with the times as constants, so only
-- the days the call has events in are planned, locked and read, not every day's partition:
-- a plain view with the times from a join prunes only while it runs, after planning and
-- opening every partition of both tables (several milliseconds for one call at 40 days).
CREATE FUNCTION call_fragment_rows(p_source text, p_call_id text, p_from timestamptz,
  p_to timestamptz)
RETURNS TABLE (is_test boolean, seq bigint, occurred_at timestamptz, speaker text, text text,
  score double precision, comparative double precision, label text)
LANGUAGE plpgsql STABLE ROWS 10 AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT tf.is_test, tf.seq, tf.occurred_at, tf.speaker, tf.text, fs.score, fs.comparative,
       fs.label
     FROM transcript_fragments tf
     LEFT JOIN fragment_scores fs ON fs.event_id = tf.event_id AND fs.occurred_at = tf.occurred_at
       AND fs.occurred_at >= $3 AND fs.occurred_at <= $4
     WHERE tf.source = $1 AND tf.call_id = $2 AND tf.occurred_at >= $3 AND tf.occurred_at <= $4'
    USING p_source, p_call_id, p_from, p_to;
END
$$;

-- Same columns as before; ask it for a call (source and call_id), as its users do.
CREATE VIEW fragment_sentiment AS
SELECT c.source, c.call_id, f.is_test, f.seq, f.occurred_at, f.speaker, f.text, f.score,
  f.comparative, f.label
FROM calls c
CROSS JOIN LATERAL call_fragment_rows(c.source, c.call_id, c.first_event_at, c.last_event_at) f;

-- As in 0009, but for the fragments' and hits' lookups.
CREATE VIEW call_figures_computed AS
SELECT
  c.source,
  c.call_id,
  c.is_test,
  c.status,
  c.direction,
  c.from_number,
  c.to_number,
  COALESCE(c.initiated_at, c.ringing_at, c.answered_at, c.first_event_at) AS started_at,
  c.ended_at,
  COALESCE(f.fragments, 0) AS fragments,
  round(f.avg_sentiment, 3)::double precision AS avg_sentiment,
  round(f.customer_sentiment, 3)::double precision AS customer_sentiment,
  round(f.min_customer_sentiment::numeric, 3)::double precision AS min_customer_sentiment,
  round(s.comparative::numeric, 3)::double precision AS final_sentiment,
  COALESCE(s.customer_label, sentiment_label(f.customer_sentiment::double precision)) AS label,
  CASE WHEN s.event_id IS NOT NULL THEN COALESCE(h.final_hits, 0) ELSE COALESCE(h.live_hits, 0) END
    AS keyword_hits,
  CASE WHEN s.event_id IS NOT NULL THEN h.final_lists ELSE h.live_lists END AS keyword_lists_hit,
  c.error_message,
  r.rules_matched,
  c.answered_at IS NOT NULL AS answered,
  c.ended_at IS NOT NULL AND c.answered_at IS NULL AND c.errored_at IS NULL AS missed,
  c.errored_at IS NOT NULL AS errored
FROM calls c
LEFT JOIN LATERAL (
  SELECT
    count(*) AS fragments,
    avg(fs.comparative::numeric) AS avg_sentiment,
    avg(fs.comparative::numeric) FILTER (WHERE tf.speaker = 'customer') AS customer_sentiment,
    min(fs.comparative) FILTER (WHERE tf.speaker = 'customer') AS min_customer_sentiment
  FROM transcript_fragments tf
  LEFT JOIN LATERAL (
    SELECT fs.comparative FROM fragment_scores fs
    WHERE fs.event_id = tf.event_id AND fs.occurred_at = tf.occurred_at
    LIMIT 1
  ) fs ON true
  WHERE tf.source = c.source AND tf.call_id = c.call_id
    -- Always true (as in fragment_sentiment), and it lets the scan skip the days the call
    -- has no events in.
    AND tf.occurred_at >= c.first_event_at AND tf.occurred_at <= c.last_event_at
) f ON true
LEFT JOIN LATERAL (
  SELECT cs.event_id, cs.comparative, cs.customer_label
  FROM call_summaries cs
  WHERE cs.source = c.source AND cs.call_id = c.call_id
  ORDER BY cs.created_at DESC
  LIMIT 1
) s ON true
LEFT JOIN LATERAL (
  SELECT
    count(*) FILTER (WHERE kh.phase = 'live') AS live_hits,
    count(*) FILTER (WHERE kh.phase = 'final' AND kh.event_id = s.event_id) AS final_hits,
    array_agg(DISTINCT kh.list_name) FILTER (WHERE kh.phase = 'live') AS live_lists,
    array_agg(DISTINCT kh.list_name) FILTER (WHERE kh.phase = 'final' AND kh.event_id = s.event_id)
      AS final_lists
  FROM keyword_hits kh
  WHERE kh.source = c.source AND kh.call_id = c.call_id
    -- Only the days the call has events in (without it, every day's index is probed for
    -- every call refreshed: twice the refresh's time at 40 days). A hit carries the time
    -- of the event it was found in, so it counts once that event is stored: analysis that
    -- arrives first is counted by the refresh of the event's own batch, which widens the
    -- call's times first. The stored figures and the check read this same view.
    AND kh.occurred_at >= c.first_event_at AND kh.occurred_at <= c.last_event_at
) h ON true
LEFT JOIN LATERAL (
  SELECT array_agg(l.rule_name ORDER BY l.rule_name) FILTER (WHERE l.status <> 'retracted')
    AS rules_matched
  FROM (
    SELECT DISTINCT ON (rm.rule_name) rm.rule_name, rm.status
    FROM rule_matches rm
    WHERE rm.source = c.source AND rm.call_id = c.call_id
    ORDER BY rm.rule_name, rm.rule_version DESC
  ) l
) r ON true;
