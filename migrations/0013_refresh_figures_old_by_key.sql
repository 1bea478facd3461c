-- The writer's figures refresh, cheaper again: the rollups' "-" side (each changed call's
-- figures before the refresh) is read from call_figures by the keys the upsert returns,
-- one primary-key probe per changed call, instead of a CTE of the old rows joined back to
-- the keys. That join, like the one 0021 removed, ran as a nested loop over every pair of
-- calls in the batch (the keys come from unnest, estimated at a few rows): 62,250
-- comparisons and 7.5 ms of a 27 ms refresh at 250 calls. Reads in the same statement see
-- call_figures as it was before the statement (one snapshot for every part of it), so the
-- probe finds the old row, as the CTE did.
--
-- A new name: 0021 replaces call_figures_refresh, and on a new database it runs after this
-- file. call_figures_refresh stays as it is (same results; the repair path in the README
-- and in tests); the writer calls this one. Same locks, same order, same results.
CREATE FUNCTION call_figures_apply(p_sources text[], p_call_ids text[]) RETURNS bigint
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
    RETURNING f.*
  ),
  delta AS (
    SELECT 1 AS sign, u.* FROM up u
    UNION ALL
    -- The row as it was before this statement (none for a call inserted by it).
    SELECT -1 AS sign, o.* FROM up u
    JOIN call_figures o ON o.source = u.source AND o.call_id = u.call_id
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
