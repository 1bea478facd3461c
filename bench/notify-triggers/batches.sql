-- 40 writer-like transactions: each stores 500 transcript fragments (events, fragments,
-- scores) spread over 50 calls, and touches those calls.
\timing off
INSERT INTO calls (source, call_id, status) SELECT 'bench', 'c' || i, 'answered' FROM generate_series(1, 2000) i;
\timing on
DO $$
BEGIN
  FOR b IN 0..39 LOOP
    INSERT INTO call_events (event_id, source, call_id, event_type, provider_event_type, occurred_at, received_at, is_test, kafka_partition, kafka_offset, raw)
      SELECT 'e' || (b * 500 + i), 'bench', 'c' || (b * 50 + i % 50 + 1), 'transcript', 'transcript', now(), now(), false, 0, b * 500 + i, '{}'::jsonb
      FROM generate_series(0, 499) i;
    INSERT INTO transcript_fragments (event_id, source, call_id, seq, speaker, text, occurred_at, is_test)
      SELECT 'e' || (b * 500 + i), 'bench', 'c' || (b * 50 + i % 50 + 1), b * 500 + i, 'customer', 'some words here', now(), false
      FROM generate_series(0, 499) i;
    INSERT INTO fragment_scores (event_id, source, call_id, speaker, score, comparative, label, words, analyzer_version, keyword_lists_version, is_test)
      SELECT 'e' || (b * 500 + i), 'bench', 'c' || (b * 50 + i % 50 + 1), 'customer', 1, 0.1, 'positive', '[]'::jsonb, 'v', 'v', false
      FROM generate_series(0, 499) i;
    UPDATE calls SET last_seen_at = now() WHERE source = 'bench' AND call_id IN (SELECT 'c' || (b * 50 + j) FROM generate_series(1, 50) j);
    COMMIT;
  END LOOP;
END $$;
