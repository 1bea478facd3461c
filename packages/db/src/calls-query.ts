import type { Pool } from 'pg';

export interface CallFilters {
  since?: Date | undefined;
  until?: Date | undefined;
  status?: string | undefined;
  label?: string | undefined;
  /** Only calls with a hit from this keyword list. */
  list?: string | undefined;
  /** Only calls this rule matched (and was not retracted for). */
  rule?: string | undefined;
  source?: string | undefined;
  /** false (default): real calls only; true: test deliveries only; 'any': both. */
  isTest?: boolean | 'any' | undefined;
  limit: number;
  offset: number;
}

/**
 * The columns the API answers with, named rather than `*`: a migration that adds a column
 * to a view does not change the API until this list does.
 */
export const CALL_SENTIMENT_COLUMNS = [
  'source',
  'call_id',
  'is_test',
  'status',
  'direction',
  'from_number',
  'to_number',
  'started_at',
  'ended_at',
  'fragments',
  'avg_sentiment',
  'customer_sentiment',
  'min_customer_sentiment',
  'final_sentiment',
  'label',
  'keyword_hits',
  'keyword_lists_hit',
  'error_message',
  'rules_matched',
] as const;
const SENTIMENT = CALL_SENTIMENT_COLUMNS.join(', ');

const CALL_COLUMNS = `source, call_id, direction, from_number, to_number, status, initiated_at,
  ringing_at, answered_at, ended_at, errored_at, error_message, is_test, first_event_at,
  last_event_at, first_seen_at, last_seen_at`;

type Param = (value: unknown) => string;

/** The WHERE clause of a filtered set of calls (alias `v` for call_sentiment_all). */
const whereOf = (f: Omit<CallFilters, 'limit' | 'offset'>, param: Param): string => {
  const where: string[] = [];
  if (f.isTest !== 'any') where.push(`is_test = ${param(f.isTest ?? false)}`);
  if (f.since) where.push(`started_at >= ${param(f.since)}`);
  if (f.until) where.push(`started_at < ${param(f.until)}`);
  if (f.status) where.push(`status = ${param(f.status)}`);
  if (f.label) where.push(`label = ${param(f.label)}`);
  if (f.source) where.push(`source = ${param(f.source)}`);
  if (f.list) {
    where.push(`EXISTS (SELECT 1 FROM keyword_hits kh WHERE kh.source = v.source
      AND kh.call_id = v.call_id AND kh.list_name = ${param(f.list)})`);
  }
  if (f.rule) where.push(`${param(f.rule)} = ANY(rules_matched)`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
};

const collect = (): { params: unknown[]; param: Param } => {
  const params: unknown[] = [];
  return {
    params,
    param: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
};

/** Calls with their sentiment, newest first. Every value is a bound parameter. */
export const listCalls = async (pool: Pool, f: CallFilters): Promise<Record<string, unknown>[]> => {
  const { params, param } = collect();
  const sql = `SELECT ${SENTIMENT} FROM call_sentiment_all v
    ${whereOf(f, param)}
    ORDER BY started_at DESC NULLS LAST, source, call_id
    LIMIT ${param(f.limit)} OFFSET ${param(f.offset)}`;
  return (await pool.query(sql, params)).rows as Record<string, unknown>[];
};

/** Calls per hour or day of their start, with how many of them the customer was negative. */
export const countCallsOverTime = async (
  pool: Pool,
  f: Omit<CallFilters, 'limit' | 'offset'>,
  bucket: 'hour' | 'day',
): Promise<{ bucket: string; calls: number; negative: number }[]> => {
  const { params, param } = collect();
  const unit = param(bucket);
  const sql = `SELECT bucket, count(*)::int AS calls,
      (count(*) FILTER (WHERE label = 'negative'))::int AS negative
    FROM (SELECT date_trunc(${unit}, started_at, 'UTC') AS bucket, label
          FROM call_sentiment_all v ${whereOf(f, param)}) x
    WHERE bucket IS NOT NULL GROUP BY bucket ORDER BY bucket`;
  const { rows } = await pool.query<{ bucket: Date; calls: number; negative: number }>(sql, params);
  return rows.map((r) => ({
    bucket: r.bucket.toISOString(),
    calls: r.calls,
    negative: r.negative,
  }));
};

/** One call: its sentiment row, events, fragments with scores, hits and summary. */
export const getCall = async (
  pool: Pool,
  source: string,
  callId: string,
): Promise<Record<string, unknown> | null> => {
  const key = [source, callId];
  const call = await pool.query(
    `SELECT ${SENTIMENT} FROM call_sentiment_all WHERE source = $1 AND call_id = $2`,
    key,
  );
  if (call.rowCount === 0) return null;
  const [calls, events, fragments, hits, summary, matches, alerts] = await Promise.all([
    pool.query(`SELECT ${CALL_COLUMNS} FROM calls WHERE source = $1 AND call_id = $2`, key),
    pool.query(
      `SELECT event_id, event_type, provider_event_type, occurred_at, received_at, is_test
       FROM call_events WHERE source = $1 AND call_id = $2 ORDER BY occurred_at, kafka_offset`,
      key,
    ),
    pool.query(
      `SELECT tf.event_id, tf.seq, tf.speaker, tf.text, tf.occurred_at, fs.score, fs.comparative,
              fs.label, fs.words, fs.analyzer_version, fs.keyword_lists_version
       FROM transcript_fragments tf LEFT JOIN fragment_scores fs ON fs.event_id = tf.event_id
         AND fs.occurred_at = tf.occurred_at
       WHERE tf.source = $1 AND tf.call_id = $2 ORDER BY tf.seq`,
      key,
    ),
    pool.query(
      `SELECT event_id, phase, utterance_index, list_name, term, match_mode, matched_text, speaker,
              start_offset, end_offset
       FROM keyword_hits WHERE source = $1 AND call_id = $2 ORDER BY phase, event_id, utterance_index, start_offset`,
      key,
    ),
    pool.query(
      `SELECT summary, analyzer_version, keyword_lists_version, created_at FROM call_summaries
       WHERE source = $1 AND call_id = $2 ORDER BY created_at DESC LIMIT 1`,
      key,
    ),
    pool.query(
      `SELECT rule_name, rule_version, severity, phase, status, basis, at_second, matched_at,
              decided_at, evidence, origin
       FROM rule_matches WHERE source = $1 AND call_id = $2 ORDER BY decided_at, rule_name`,
      key,
    ),
    // Alerts for the call: one per rule match and destination (and retraction), never secrets.
    pool.query(
      `SELECT delivery_id AS id, kind, rule_name, rule_version, destination, state AS status,
              attempts, last_status, delivered_at AS sent_at, latency_ms
       FROM alert_deliveries WHERE source = $1 AND call_id = $2 ORDER BY seq`,
      key,
    ),
  ]);
  return {
    ...(call.rows[0] as Record<string, unknown>),
    call: calls.rows[0] as unknown,
    events: events.rows,
    fragments: fragments.rows,
    hits: hits.rows,
    summary: (summary.rows[0] as unknown) ?? null,
    ruleMatches: matches.rows,
    alerts: alerts.rows,
  };
};
