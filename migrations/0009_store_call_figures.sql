-- Per-call figures stored, not recomputed: call_sentiment used to aggregate every call's
-- fragments, scores, summaries, hits and rule matches on every query (seconds at a million
-- calls). The writer now refreshes a call's row in call_figures in the same transaction as
-- the detail rows it comes from, and the views read it. A refresh recomputes the call from
-- its detail rows, so a replayed batch can never double a count.

-- What call_sentiment_all showed, computed from the detail tables: what call_figures must
-- equal (the refresh and the consistency check both read it), plus the outcome flags the
-- rollups count.
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
    -- In numeric: exact, so the same rows give the same mean in any order (a float sum
    -- depends on the order, and a mean near a rounding edge would flip between plans).
    avg(fs.comparative::numeric) AS avg_sentiment,
    avg(fs.comparative::numeric) FILTER (WHERE tf.speaker = 'customer') AS customer_sentiment,
    min(fs.comparative) FILTER (WHERE tf.speaker = 'customer') AS min_customer_sentiment
  FROM transcript_fragments tf
  LEFT JOIN fragment_scores fs ON fs.event_id = tf.event_id
  WHERE tf.source = c.source AND tf.call_id = c.call_id
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

-- The check and the refresh find calls by the start time the views show.
CREATE INDEX calls_started_at_idx
  ON calls (COALESCE(initiated_at, ringing_at, answered_at, first_event_at));
DROP INDEX calls_started_idx;

CREATE TABLE call_figures (
  source                 text NOT NULL,
  call_id                text NOT NULL,
  is_test                boolean NOT NULL,
  status                 text NOT NULL,
  direction              text,
  from_number            text,
  to_number              text,
  started_at             timestamptz,
  ended_at               timestamptz,
  fragments              bigint NOT NULL,
  avg_sentiment          double precision,
  customer_sentiment     double precision,
  min_customer_sentiment double precision,
  final_sentiment        double precision,
  label                  text,
  keyword_hits           bigint NOT NULL,
  keyword_lists_hit      text[],
  error_message          text,
  rules_matched          text[],
  answered               boolean NOT NULL,
  missed                 boolean NOT NULL,
  errored                boolean NOT NULL,
  PRIMARY KEY (source, call_id)
);
-- Newest first in psql (call_sentiment leaves tests out; DESC puts calls without a start first).
CREATE INDEX call_figures_started_idx ON call_figures (started_at DESC) WHERE NOT is_test;
-- The API's list: is_test = $1 ORDER BY started_at DESC NULLS LAST, source, call_id.
CREATE INDEX call_figures_list_idx
  ON call_figures (is_test, started_at DESC NULLS LAST, source, call_id);
CREATE INDEX call_figures_label_idx ON call_figures (label, started_at DESC) WHERE NOT is_test;
CREATE INDEX call_figures_source_idx ON call_figures (source, started_at DESC);
CREATE INDEX call_figures_lists_idx ON call_figures USING gin (keyword_lists_hit);
CREATE INDEX call_figures_rules_idx ON call_figures USING gin (rules_matched);

-- Calls with a hit from a list, in call order, without a sort (README: the churn list).
CREATE INDEX keyword_hits_list_call_idx ON keyword_hits (list_name, source, call_id, phase);
DROP INDEX keyword_hits_list_idx;

-- Hourly rollup per source of the calls that started in the hour (test deliveries left
-- out), in the spirit of a continuous aggregate: each refresh of a call subtracts its old
-- figures and adds its new ones, so the rollup always equals an aggregate of call_figures.
-- Days are UTC days (call_rollup_daily sums the hours).
CREATE TABLE call_rollup_hourly (
  source                   text NOT NULL,
  hour                     timestamptz NOT NULL,
  calls                    bigint NOT NULL,
  answered                 bigint NOT NULL,
  missed                   bigint NOT NULL,
  errors                   bigint NOT NULL,
  negative                 bigint NOT NULL,
  neutral                  bigint NOT NULL,
  positive                 bigint NOT NULL,
  -- The mean customer sentiment is sum / calls; numeric so that adding and subtracting
  -- the (three-decimal) figures never drifts.
  customer_sentiment_sum   numeric NOT NULL,
  customer_sentiment_calls bigint NOT NULL,
  PRIMARY KEY (source, hour)
);
CREATE INDEX call_rollup_hourly_hour_idx ON call_rollup_hourly (hour);

-- Calls with a hit from each list, per hour and source.
CREATE TABLE call_list_rollup_hourly (
  source    text NOT NULL,
  hour      timestamptz NOT NULL,
  list_name text NOT NULL,
  calls     bigint NOT NULL,
  PRIMARY KEY (source, hour, list_name)
);
CREATE INDEX call_list_rollup_hourly_hour_idx ON call_list_rollup_hourly (hour);

CREATE VIEW call_rollup_daily AS
SELECT source, date_trunc('day', hour, 'UTC') AS day, sum(calls) AS calls,
  sum(answered) AS answered, sum(missed) AS missed, sum(errors) AS errors,
  sum(negative) AS negative, sum(neutral) AS neutral, sum(positive) AS positive,
  sum(customer_sentiment_sum) AS customer_sentiment_sum,
  sum(customer_sentiment_calls) AS customer_sentiment_calls,
  (sum(customer_sentiment_sum) / nullif(sum(customer_sentiment_calls), 0))::double precision
    AS mean_customer_sentiment
FROM call_rollup_hourly
GROUP BY 1, 2;

CREATE VIEW call_list_rollup_daily AS
SELECT source, date_trunc('day', hour, 'UTC') AS day, list_name, sum(calls) AS calls
FROM call_list_rollup_hourly
GROUP BY 1, 2, 3;

-- What the rollups should hold, computed from call_figures.
CREATE VIEW call_rollup_hourly_computed AS
SELECT source, date_trunc('hour', started_at, 'UTC') AS hour, count(*) AS calls,
  count(*) FILTER (WHERE answered) AS answered, count(*) FILTER (WHERE missed) AS missed,
  count(*) FILTER (WHERE errored) AS errors,
  count(*) FILTER (WHERE label = 'negative') AS negative,
  count(*) FILTER (WHERE label = 'neutral') AS neutral,
  count(*) FILTER (WHERE label = 'positive') AS positive,
  COALESCE(sum(customer_sentiment::numeric), 0) AS customer_sentiment_sum,
  count(customer_sentiment) AS customer_sentiment_calls
FROM call_figures
WHERE NOT is_test AND started_at IS NOT NULL
GROUP BY 1, 2;

CREATE VIEW call_list_rollup_hourly_computed AS
SELECT source, date_trunc('hour', started_at, 'UTC') AS hour, l.list_name, count(*) AS calls
FROM call_figures, unnest(keyword_lists_hit) AS l(list_name)
WHERE NOT is_test AND started_at IS NOT NULL
GROUP BY 1, 2, 3;

-- Recomputes the figures of the given calls from their detail rows and moves the rollups
-- by the difference. Idempotent: a second call with the same keys changes nothing. The
-- calls rows are locked first, in the writer's order (byte order), so a concurrent
-- transaction that stored more rows for the same call commits before this one reads them
-- (each statement below takes a fresh snapshot), and the last refresh sees everything.
CREATE FUNCTION call_figures_refresh(p_sources text[], p_call_ids text[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  PERFORM 1 FROM calls c
  JOIN unnest(p_sources, p_call_ids) AS k(source, call_id)
    ON c.source = k.source AND c.call_id = k.call_id
  ORDER BY c.source COLLATE "C", c.call_id COLLATE "C"
  FOR NO KEY UPDATE OF c;

  WITH keys AS (
    SELECT DISTINCT source, call_id FROM unnest(p_sources, p_call_ids) AS k(source, call_id)
  ),
  fresh AS (
    SELECT v.* FROM call_figures_computed v JOIN keys USING (source, call_id)
  ),
  old AS (
    SELECT f.* FROM call_figures f JOIN keys USING (source, call_id)
  ),
  up AS (
    INSERT INTO call_figures AS f SELECT * FROM fresh
    ON CONFLICT (source, call_id) DO UPDATE SET
      is_test = EXCLUDED.is_test, status = EXCLUDED.status, direction = EXCLUDED.direction,
      from_number = EXCLUDED.from_number, to_number = EXCLUDED.to_number,
      started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
      fragments = EXCLUDED.fragments, avg_sentiment = EXCLUDED.avg_sentiment,
      customer_sentiment = EXCLUDED.customer_sentiment,
      min_customer_sentiment = EXCLUDED.min_customer_sentiment,
      final_sentiment = EXCLUDED.final_sentiment, label = EXCLUDED.label,
      keyword_hits = EXCLUDED.keyword_hits, keyword_lists_hit = EXCLUDED.keyword_lists_hit,
      error_message = EXCLUDED.error_message, rules_matched = EXCLUDED.rules_matched,
      answered = EXCLUDED.answered, missed = EXCLUDED.missed, errored = EXCLUDED.errored
    WHERE (f.*) IS DISTINCT FROM (EXCLUDED.*)
    RETURNING f.source, f.call_id
  ),
  delta AS (
    SELECT 1 AS sign, n.* FROM fresh n JOIN up USING (source, call_id)
    UNION ALL
    SELECT -1 AS sign, o.* FROM old o JOIN up USING (source, call_id)
  ),
  counted AS (
    SELECT source, date_trunc('hour', started_at, 'UTC') AS hour, sum(sign) AS calls,
      sum(sign) FILTER (WHERE answered) AS answered, sum(sign) FILTER (WHERE missed) AS missed,
      sum(sign) FILTER (WHERE errored) AS errors,
      sum(sign) FILTER (WHERE label = 'negative') AS negative,
      sum(sign) FILTER (WHERE label = 'neutral') AS neutral,
      sum(sign) FILTER (WHERE label = 'positive') AS positive,
      sum(sign * customer_sentiment::numeric) AS customer_sentiment_sum,
      sum(sign) FILTER (WHERE customer_sentiment IS NOT NULL) AS customer_sentiment_calls
    FROM delta
    WHERE NOT is_test AND started_at IS NOT NULL
    GROUP BY 1, 2
  ),
  hourly AS (
    INSERT INTO call_rollup_hourly AS r
    SELECT source, hour, calls, COALESCE(answered, 0), COALESCE(missed, 0), COALESCE(errors, 0),
      COALESCE(negative, 0), COALESCE(neutral, 0), COALESCE(positive, 0),
      COALESCE(customer_sentiment_sum, 0), COALESCE(customer_sentiment_calls, 0)
    FROM counted
    ORDER BY source COLLATE "C", hour
    ON CONFLICT (source, hour) DO UPDATE SET
      calls = r.calls + EXCLUDED.calls, answered = r.answered + EXCLUDED.answered,
      missed = r.missed + EXCLUDED.missed, errors = r.errors + EXCLUDED.errors,
      negative = r.negative + EXCLUDED.negative, neutral = r.neutral + EXCLUDED.neutral,
      positive = r.positive + EXCLUDED.positive,
      customer_sentiment_sum = r.customer_sentiment_sum + EXCLUDED.customer_sentiment_sum,
      customer_sentiment_calls = r.customer_sentiment_calls + EXCLUDED.customer_sentiment_calls
    RETURNING 1
  ),
  listed AS (
    SELECT source, date_trunc('hour', started_at, 'UTC') AS hour, l.list_name, sum(sign) AS calls
    FROM delta, unnest(keyword_lists_hit) AS l(list_name)
    WHERE NOT is_test AND started_at IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(sign) <> 0
  ),
  lists AS (
    INSERT INTO call_list_rollup_hourly AS r
    SELECT source, hour, list_name, calls FROM listed
    ORDER BY source COLLATE "C", hour, list_name COLLATE "C"
    ON CONFLICT (source, hour, list_name) DO UPDATE SET calls = r.calls + EXCLUDED.calls
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM up) + 0 * (SELECT count(*) FROM hourly)
    + 0 * (SELECT count(*) FROM lists)
  INTO changed;
  RETURN changed;
END
$$;

-- Differences between the stored figures and a recomputation from the detail tables, for
-- the calls that started in [since, until). Empty when everything is consistent.
CREATE FUNCTION call_figures_check(since timestamptz, until timestamptz)
RETURNS TABLE (source text, call_id text, problem text, stored jsonb, computed jsonb)
LANGUAGE sql STABLE AS $$
  WITH c AS (
    SELECT * FROM call_figures_computed v WHERE v.started_at >= since AND v.started_at < until
  ),
  s AS (
    SELECT * FROM call_figures f WHERE f.started_at >= since AND f.started_at < until
  )
  SELECT COALESCE(s.source, c.source), COALESCE(s.call_id, c.call_id),
    CASE WHEN s.source IS NULL THEN 'missing' WHEN c.source IS NULL THEN 'not in calls'
         ELSE 'different' END,
    to_jsonb(s), to_jsonb(c)
  FROM s FULL JOIN c ON s.source = c.source AND s.call_id = c.call_id
  WHERE to_jsonb(s) IS DISTINCT FROM to_jsonb(c)
  ORDER BY 1, 2
$$;

-- Differences between the hourly rollups and an aggregate of call_figures, for the hours
-- in [since, until).
CREATE FUNCTION call_rollup_check(since timestamptz, until timestamptz)
RETURNS TABLE (source text, hour timestamptz, list_name text, stored jsonb, computed jsonb)
LANGUAGE sql STABLE AS $$
  WITH s AS (
    SELECT * FROM call_rollup_hourly r
    WHERE r.hour >= date_trunc('hour', since, 'UTC') AND r.hour < until AND r.calls <> 0
  ),
  c AS (
    SELECT * FROM call_rollup_hourly_computed r
    WHERE r.hour >= date_trunc('hour', since, 'UTC') AND r.hour < until
  ),
  sl AS (
    SELECT * FROM call_list_rollup_hourly r
    WHERE r.hour >= date_trunc('hour', since, 'UTC') AND r.hour < until AND r.calls <> 0
  ),
  cl AS (
    SELECT * FROM call_list_rollup_hourly_computed r
    WHERE r.hour >= date_trunc('hour', since, 'UTC') AND r.hour < until
  )
  SELECT COALESCE(s.source, c.source), COALESCE(s.hour, c.hour), NULL::text, to_jsonb(s), to_jsonb(c)
  FROM s FULL JOIN c ON s.source = c.source AND s.hour = c.hour
  WHERE to_jsonb(s) IS DISTINCT FROM to_jsonb(c)
  UNION ALL
  SELECT COALESCE(sl.source, cl.source), COALESCE(sl.hour, cl.hour),
    COALESCE(sl.list_name, cl.list_name), to_jsonb(sl), to_jsonb(cl)
  FROM sl FULL JOIN cl ON sl.source = cl.source AND sl.hour = cl.hour AND sl.list_name = cl.list_name
  WHERE to_jsonb(sl) IS DISTINCT FROM to_jsonb(cl)
  ORDER BY 1, 2, 3
$$;

-- Rebuilds the hourly rollups of the hours in [since, until) from call_figures (after a
-- check found a difference, or an edit by hand). The share lock waits for writers in flight
-- and holds new ones back until the rebuilt rows are committed, so no delta is lost.
CREATE FUNCTION call_rollup_rebuild(since timestamptz, until timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE call_figures IN SHARE MODE;
  DELETE FROM call_rollup_hourly WHERE hour >= date_trunc('hour', since, 'UTC') AND hour < until;
  DELETE FROM call_list_rollup_hourly
  WHERE hour >= date_trunc('hour', since, 'UTC') AND hour < until;
  INSERT INTO call_rollup_hourly SELECT * FROM call_rollup_hourly_computed r
  WHERE r.hour >= date_trunc('hour', since, 'UTC') AND r.hour < until;
  INSERT INTO call_list_rollup_hourly SELECT * FROM call_list_rollup_hourly_computed r
  WHERE r.hour >= date_trunc('hour', since, 'UTC') AND r.hour < until;
END
$$;

-- The calls stored before this migration.
INSERT INTO call_figures SELECT * FROM call_figures_computed;
INSERT INTO call_rollup_hourly SELECT * FROM call_rollup_hourly_computed;
INSERT INTO call_list_rollup_hourly SELECT * FROM call_list_rollup_hourly_computed;

-- call_sentiment keeps its name and columns and reads the stored figures.
DROP VIEW call_sentiment;
DROP VIEW call_sentiment_all;
DROP VIEW call_sentiment_base;
CREATE VIEW call_sentiment_all AS
SELECT source, call_id, is_test, status, direction, from_number, to_number, started_at, ended_at,
  fragments, avg_sentiment, customer_sentiment, min_customer_sentiment, final_sentiment, label,
  keyword_hits, keyword_lists_hit, error_message, rules_matched
FROM call_figures;
CREATE VIEW call_sentiment AS
SELECT * FROM call_sentiment_all WHERE NOT is_test;
