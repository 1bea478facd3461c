-- A call's keyword hits, read the way fragment_sentiment reads its fragments (0011): only
-- the days between the call's first and last event, pruned when the query is planned.
-- A lateral join from calls straight into keyword_hits plans every day's partition for
-- each query (12 ms of planning at 41 days, more with 90 days kept); this plans one or
-- two. Ask it for a call (source and call_id), as the README's churn query does.

CREATE FUNCTION call_hit_rows(p_source text, p_call_id text, p_from timestamptz,
  p_to timestamptz)
RETURNS TABLE (is_test boolean, phase text, occurred_at timestamptz, speaker text,
  list_name text, term text, match_mode text, matched_text text, start_offset integer,
  end_offset integer)
LANGUAGE plpgsql STABLE ROWS 4 AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT kh.is_test, kh.phase, kh.occurred_at, kh.speaker, kh.list_name, kh.term,
       kh.match_mode, kh.matched_text, kh.start_offset, kh.end_offset
     FROM keyword_hits kh
     WHERE kh.source = $1 AND kh.call_id = $2 AND kh.occurred_at >= $3 AND kh.occurred_at <= $4'
    USING p_source, p_call_id, p_from, p_to;
END
$$;

CREATE VIEW call_keyword_hits AS
SELECT c.source, c.call_id, h.is_test, h.phase, h.occurred_at, h.speaker, h.list_name, h.term,
  h.match_mode, h.matched_text, h.start_offset, h.end_offset
FROM calls c
CROSS JOIN LATERAL call_hit_rows(c.source, c.call_id, c.first_event_at, c.last_event_at) h;
