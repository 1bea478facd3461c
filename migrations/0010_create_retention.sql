-- Retention: the detail rows (call_events, transcript_fragments, fragment_scores,
-- keyword_hits) of calls that started before a horizon are deleted by
-- `callpulse retention --older-than 90d` (or the writer, with RETENTION_DAYS); what is kept
-- for them: calls, call_summaries, rule_matches, call_figures (so call_sentiment still
-- answers) and the rollups. Below the horizon, figures are frozen: a late event never
-- recomputes them from what is left, and the consistency check starts at the horizon.

-- One row: detail is gone for calls that started before dropped_before.
CREATE TABLE retention_horizon (
  only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  dropped_before timestamptz NOT NULL,
  -- How far the sweep has deleted: the next run starts a day before it (late events).
  swept_until    timestamptz NOT NULL,
  changed_at     timestamptz NOT NULL
);
INSERT INTO retention_horizon VALUES (true, '-infinity', '-infinity', now());

-- The start of what can still be recomputed from detail rows.
CREATE FUNCTION detail_kept_since(since timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT GREATEST(since, dropped_before) FROM retention_horizon
$$;

-- Deletes the detail rows of the calls that started in [since, until) (one bounded batch of
-- the retention sweep, below the horizon). Returns the rows deleted.
CREATE FUNCTION drop_call_detail(since timestamptz, until timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  horizon timestamptz;
  deleted bigint;
BEGIN
  SELECT dropped_before INTO horizon FROM retention_horizon;
  IF until > horizon THEN
    RAISE EXCEPTION 'detail after the retention horizon (%) is kept', horizon
      USING ERRCODE = '22023';
  END IF;
  WITH batch AS (
    SELECT c.source, c.call_id FROM calls c
    WHERE COALESCE(c.initiated_at, c.ringing_at, c.answered_at, c.first_event_at) >= since
      AND COALESCE(c.initiated_at, c.ringing_at, c.answered_at, c.first_event_at) < until
  ),
  hits AS (
    DELETE FROM keyword_hits kh USING batch b
    WHERE kh.source = b.source AND kh.call_id = b.call_id RETURNING 1
  ),
  fragments AS (
    DELETE FROM transcript_fragments tf USING batch b
    WHERE tf.source = b.source AND tf.call_id = b.call_id RETURNING tf.event_id
  ),
  scores AS (
    DELETE FROM fragment_scores fs USING fragments f WHERE fs.event_id = f.event_id RETURNING 1
  )
  SELECT (SELECT count(*) FROM hits) + (SELECT count(*) FROM fragments)
    + (SELECT count(*) FROM scores)
  INTO deleted;
  -- After the fragments that reference them (a separate statement sees those deletions).
  WITH batch AS (
    SELECT c.source, c.call_id FROM calls c
    WHERE COALESCE(c.initiated_at, c.ringing_at, c.answered_at, c.first_event_at) >= since
      AND COALESCE(c.initiated_at, c.ringing_at, c.answered_at, c.first_event_at) < until
  ),
  events AS (
    DELETE FROM call_events e USING batch b
    WHERE e.source = b.source AND e.call_id = b.call_id RETURNING 1
  )
  SELECT deleted + count(*) INTO deleted FROM events;
  RETURN deleted;
END
$$;

-- As in 0009, except for calls whose detail was dropped.
CREATE OR REPLACE FUNCTION call_figures_refresh(p_sources text[], p_call_ids text[]) RETURNS bigint
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
    SELECT DISTINCT k.source, k.call_id FROM unnest(p_sources, p_call_ids) AS k(source, call_id)
    -- A call whose detail rows were dropped keeps its figures: a late event for it must
    -- not recompute them from what is left.
    WHERE NOT EXISTS (
      SELECT 1 FROM call_figures f, retention_horizon h
      WHERE f.source = k.source AND f.call_id = k.call_id AND f.started_at < h.dropped_before
    )
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

-- From the horizon on: below it the figures are all that is left.
CREATE OR REPLACE FUNCTION call_figures_check(since timestamptz, until timestamptz)
RETURNS TABLE (source text, call_id text, problem text, stored jsonb, computed jsonb)
LANGUAGE sql STABLE AS $$
  WITH c AS (
    SELECT * FROM call_figures_computed v
    WHERE v.started_at >= detail_kept_since(since) AND v.started_at < until
  ),
  s AS (
    SELECT * FROM call_figures f
    WHERE f.started_at >= detail_kept_since(since) AND f.started_at < until
  )
  SELECT COALESCE(s.source, c.source), COALESCE(s.call_id, c.call_id),
    CASE WHEN s.source IS NULL THEN 'missing' WHEN c.source IS NULL THEN 'not in calls'
         ELSE 'different' END,
    to_jsonb(s), to_jsonb(c)
  FROM s FULL JOIN c ON s.source = c.source AND s.call_id = c.call_id
  WHERE to_jsonb(s) IS DISTINCT FROM to_jsonb(c)
  ORDER BY 1, 2
$$;
