import type { Pool, PoolClient } from '@callpulse/db';

// A month of calls written with set-based SQL into the tables the writer fills, shaped like
// the issue's database: 8 fragments a call with scores, a summary per ended call, keyword
// hits on one call in five, a rule match on one in twenty. Values are pseudo-random but
// fixed by the call number, so two runs build the same database.

export const SOURCES = 4;
export const FRAGMENTS = 8;
export const LISTS = ['churn', 'billing', 'cancel', 'competitor'] as const;

/** Deterministic 0..1 from two integers, in SQL. */
const rnd = (a: string, b: string): string =>
  `((abs(hashint8((${a})::bigint * 7919 + (${b})::bigint * 104729)) % 100000) / 100000.0)`;

const callsSql = `
INSERT INTO calls (source, call_id, direction, from_number, to_number, status, initiated_at,
  ringing_at, answered_at, ended_at, errored_at, error_message, is_test, first_event_at,
  last_event_at)
SELECT 'benchbox:BOX_' || (i % ${SOURCES}), i::text,
  CASE WHEN i % 3 = 0 THEN 'outbound' ELSE 'inbound' END, '+1555' || lpad((i % 10000)::text, 4, '0'),
  '+1666' || lpad((i % 7919)::text, 4, '0'),
  CASE WHEN i % 33 = 0 THEN 'error' WHEN i % 20 = 0 THEN 'answered' ELSE 'ended' END,
  t, t + interval '2 s', CASE WHEN i % 10 = 0 OR i % 33 = 0 THEN NULL ELSE t + interval '6 s' END,
  CASE WHEN i % 33 = 0 OR i % 20 = 0 THEN NULL ELSE t + interval '300 s' END,
  CASE WHEN i % 33 = 0 THEN t + interval '3 s' END,
  CASE WHEN i % 33 = 0 THEN 'SIP 503' END,
  i % 97 = 0, t, t + interval '300 s'
FROM (SELECT i, $3::timestamptz - (($1::bigint * 30 * 86400) / $2::bigint - i * 30 * 86400 / $2::bigint + i % 60)
        * interval '1 s' AS t
      FROM generate_series($4::bigint, $5::bigint) i) g`;

const eventsSql = `
INSERT INTO call_events (event_id, source, call_id, event_type, provider_event_type, occurred_at,
  received_at, is_test, kafka_partition, kafka_offset, raw)
SELECT c.call_id || '-' || k, c.source, c.call_id,
  CASE WHEN k <= ${FRAGMENTS} THEN 'transcript' WHEN k = ${FRAGMENTS} + 1 THEN 'call_initiated'
       WHEN k = ${FRAGMENTS} + 2 THEN 'call_ringing' ELSE 'call_ended' END,
  CASE WHEN k <= ${FRAGMENTS} THEN 'transcript' WHEN k = ${FRAGMENTS} + 1 THEN 'call_initiated'
       WHEN k = ${FRAGMENTS} + 2 THEN 'call_ringing' ELSE 'call_ended' END,
  c.initiated_at + k * interval '20 s', c.initiated_at + k * interval '20 s', c.is_test,
  c.call_id::bigint % 12, c.call_id::bigint * 16 + k,
  jsonb_build_object('event_type', 'transcript', 'timestamp', extract(epoch FROM c.initiated_at)::bigint,
    'payload', jsonb_build_object('call_id', c.call_id, 'speaker', CASE WHEN k % 2 = 0 THEN 'customer' ELSE 'ai' END,
      'transcript', repeat('word ', 12 + k)))
FROM calls c JOIN (SELECT 'benchbox:BOX_' || (i % ${SOURCES}) AS source, i::text AS call_id FROM generate_series($1::bigint, $2::bigint) i) ck USING (source, call_id)
CROSS JOIN generate_series(1, ${FRAGMENTS} + 3) k`;

const fragmentsSql = `
INSERT INTO transcript_fragments (event_id, source, call_id, seq, speaker, text, provider_timestamp,
  occurred_at, is_test)
SELECT e.event_id, e.source, e.call_id, e.kafka_offset, e.raw #>> '{payload,speaker}',
  e.raw #>> '{payload,transcript}', (e.raw ->> 'timestamp'), e.occurred_at, e.is_test
FROM call_events e JOIN (SELECT 'benchbox:BOX_' || (i % ${SOURCES}) AS source, i::text AS call_id FROM generate_series($1::bigint, $2::bigint) i) k USING (source, call_id)
WHERE e.event_type = 'transcript'`;

// With partitioned detail tables (0011), scores and hits carry their event's time.
const scoresSql = (partitioned: boolean) => `
INSERT INTO fragment_scores (event_id, source, call_id, speaker, score, comparative, label, words,
  analyzer_version, keyword_lists_version, is_test${partitioned ? ', occurred_at' : ''})
SELECT f.event_id, f.source, f.call_id, f.speaker, round(v * 20), v, sentiment_label(v), '[]',
  'bench', '1', f.is_test${partitioned ? ', f.occurred_at' : ''}
FROM (SELECT tf.*, (${rnd('tf.call_id::bigint', 'tf.seq')} - 0.45) * 0.4 AS v
      FROM transcript_fragments tf JOIN (SELECT 'benchbox:BOX_' || (i % ${SOURCES}) AS source, i::text AS call_id FROM generate_series($1::bigint, $2::bigint) i) k USING (source, call_id)) f`;

const summariesSql = `
INSERT INTO call_summaries (event_id, source, call_id, score, comparative, label,
  customer_comparative, customer_label, ai_comparative, summary, analyzer_version,
  keyword_lists_version, is_test)
SELECT c.call_id || '-end', c.source, c.call_id, round(v * 30), v, sentiment_label(v), v * 1.2,
  sentiment_label(v * 1.2), v * 0.5, '{}', 'bench', '1', c.is_test
FROM (SELECT c.*, (${rnd('c.call_id::bigint', '77')} - 0.45) * 0.3 AS v FROM calls c JOIN (SELECT 'benchbox:BOX_' || (i % ${SOURCES}) AS source, i::text AS call_id FROM generate_series($1::bigint, $2::bigint) i) k USING (source, call_id)
      WHERE c.status = 'ended') c`;

const hitsSql = (partitioned: boolean) => `
INSERT INTO keyword_hits (event_id, source, call_id, phase, utterance_index, list_name, term,
  match_mode, matched_text, speaker, start_offset, end_offset, is_test${partitioned ? ', occurred_at' : ''})
SELECT CASE WHEN h.phase = 'live' THEN c.call_id || '-2' ELSE c.call_id || '-end' END,
  c.source, c.call_id, h.phase, h.ix, (ARRAY['${LISTS.join("','")}'])[1 + (c.call_id::bigint / 5) % ${LISTS.length}],
  'cancel', 'exact', 'cancel', 'customer', 0, 6, c.is_test${
    partitioned
      ? `, c.initiated_at + CASE WHEN h.phase = 'live' THEN 2 ELSE ${FRAGMENTS} + 3 END * interval '20 s'`
      : ''
  }
FROM calls c JOIN (SELECT 'benchbox:BOX_' || (i % ${SOURCES}) AS source, i::text AS call_id FROM generate_series($1::bigint, $2::bigint) i) k USING (source, call_id)
CROSS JOIN (VALUES ('live', 0), ('final', 1), ('final', 3)) h(phase, ix)
WHERE c.call_id::bigint % 5 = 0
  AND (h.phase = 'live' OR c.status = 'ended')`;

const rulesSql = `
INSERT INTO rule_matches (source, call_id, rule_name, rule_version, severity, phase, status, basis,
  at_second, matched_at, decided_at, updated_at, evidence, is_test)
SELECT c.source, c.call_id, 'angry-' || (c.call_id::bigint % 3), 1, 'high', 'live',
  CASE WHEN c.status = 'ended' THEN 'confirmed' ELSE 'fired' END, 'event', 40,
  c.initiated_at + interval '40 s', c.initiated_at + interval '41 s', c.initiated_at + interval '41 s',
  '{}', c.is_test
FROM calls c JOIN (SELECT 'benchbox:BOX_' || (i % ${SOURCES}) AS source, i::text AS call_id FROM generate_series($1::bigint, $2::bigint) i) k USING (source, call_id)
WHERE c.call_id::bigint % 20 = 7`;

/**
 * Fills the detail tables with `calls` calls in chunks (progress through `log`), then, when
 * the schema stores per-call figures, builds them the way the writer would.
 */
export const loadCalls = async ({
  pool,
  calls,
  chunk = 20_000, // calls per transaction
  log,
}: {
  pool: Pool;
  calls: number;
  chunk?: number;
  log: (line: string) => void;
}): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('SET synchronous_commit = off');
    const now = new Date();
    const partitioned = await createPartitions(client, now);
    const started = Date.now();
    for (let from = 1; from <= calls; from += chunk) {
      const to = Math.min(calls, from + chunk - 1);
      await client.query('BEGIN');
      await client.query(callsSql, [calls, calls, now, from, to]);
      for (const sql of [
        eventsSql,
        fragmentsSql,
        scoresSql(partitioned),
        summariesSql,
        hitsSql(partitioned),
        rulesSql,
      ]) {
        await client.query(sql, [from, to]);
      }
      await refreshFigures(client, from, to);
      await client.query('COMMIT');
      const rate = (to / ((Date.now() - started) / 1000)).toFixed(0);
      log(`loaded ${to.toLocaleString('en')} / ${calls.toLocaleString('en')} calls (${rate}/s)`);
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
};

/** The daily partitions of the month loaded (and the day after), when the schema has them. */
const createPartitions = async (client: PoolClient, now: Date): Promise<boolean> => {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT to_regproc('create_detail_partitions') IS NOT NULL AS present`,
  );
  if (!rows[0]?.present) return false;
  await client.query(
    `SELECT create_detail_partitions(ARRAY(
       SELECT d::date FROM generate_series(($1::timestamptz AT TIME ZONE 'UTC')::date - 32,
         ($1::timestamptz AT TIME ZONE 'UTC')::date + 1, interval '1 day') d))`,
    [now],
  );
  return true;
};

const refreshFigures = async (client: PoolClient, from: number, to: number): Promise<void> => {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT to_regproc('call_figures_refresh') IS NOT NULL AS present`,
  );
  if (!rows[0]?.present) return;
  await client.query(
    `SELECT call_figures_refresh(array_agg('benchbox:BOX_' || (i % ${SOURCES})), array_agg(i::text))
     FROM generate_series($1::bigint, $2::bigint) i`,
    [from, to],
  );
};
