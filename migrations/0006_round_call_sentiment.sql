-- Averages in call_sentiment read as 0.828, not 0.8276249999999999. Labels are still cut
-- from the unrounded means, exactly where the analysis package cuts.

DROP VIEW call_sentiment;
DROP VIEW call_sentiment_all;

CREATE VIEW call_sentiment_all AS
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
  round(f.avg_sentiment::numeric, 3)::double precision AS avg_sentiment,
  round(f.customer_sentiment::numeric, 3)::double precision AS customer_sentiment,
  round(f.min_customer_sentiment::numeric, 3)::double precision AS min_customer_sentiment,
  round(s.comparative::numeric, 3)::double precision AS final_sentiment,
  -- The customer's label for the call: the final transcript's once the call has ended
  -- (and its summary is stored), the live fragments' before.
  COALESCE(s.customer_label, sentiment_label(f.customer_sentiment)) AS label,
  CASE WHEN s.event_id IS NOT NULL THEN COALESCE(h.final_hits, 0) ELSE COALESCE(h.live_hits, 0) END
    AS keyword_hits,
  CASE WHEN s.event_id IS NOT NULL THEN h.final_lists ELSE h.live_lists END AS keyword_lists_hit,
  c.error_message
FROM calls c
LEFT JOIN LATERAL (
  SELECT
    count(*) AS fragments,
    avg(fs.comparative) AS avg_sentiment,
    avg(fs.comparative) FILTER (WHERE tf.speaker = 'customer') AS customer_sentiment,
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
) h ON true;

CREATE VIEW call_sentiment AS
SELECT * FROM call_sentiment_all WHERE NOT is_test;
