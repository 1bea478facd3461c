import type { Pool } from 'pg';
import { CALL_SENTIMENT_COLUMNS } from './calls-query.js';

export interface LiveCallKey {
  source: string;
  callId: string;
}

export interface LiveCallsOptions {
  /** Only these calls (a change notification); all live calls when absent. */
  keys?: readonly LiveCallKey[] | undefined;
  /** Ended calls stay on the live page this long after our last write about them. */
  endedWindowMinutes?: number;
  /** A call with no news for this long is no longer shown as in progress. */
  staleMinutes?: number;
  limit?: number;
}

const SENTIMENT = CALL_SENTIMENT_COLUMNS.map((c) => `v.${c}`).join(', ');

/**
 * The live page's rows: calls in progress and calls ended lately, newest first, each with
 * the customer's fragment scores in order (the sparkline) and the severity of every rule
 * that holds. Times are our own (`last_seen_at`), so a provider clock that is off does not
 * hide a call that is happening now.
 */
export const listLiveCalls = async (
  pool: Pool,
  {
    keys,
    endedWindowMinutes = 60, // how long an ended call stays on the live page
    staleMinutes = 360, // an unfinished call silent this long is dropped
    limit = 500, // rows at most: a supervisor's page, not an export
  }: LiveCallsOptions,
): Promise<Record<string, unknown>[]> => {
  // A change to a call outside the window (a replay's match on last week's call) is not
  // news for the live page: the window applies to notified calls too.
  const params: unknown[] = [limit, endedWindowMinutes, staleMinutes];
  let filter = `(c.last_seen_at > now() - make_interval(mins => $2::int)
      OR (c.status NOT IN ('ended', 'error')
          AND c.last_seen_at > now() - make_interval(mins => $3::int)))`;
  if (keys) {
    params.push(
      keys.map((k) => k.source),
      keys.map((k) => k.callId),
    );
    filter += ` AND (c.source, c.call_id) IN (SELECT * FROM unnest($4::text[], $5::text[]))`;
  }
  const { rows } = await pool.query(
    `SELECT ${SENTIMENT}, c.first_seen_at, c.last_seen_at, c.answered_at,
       COALESCE(sp.points, '[]'::jsonb) AS sparkline,
       COALESCE(rm.rules, '[]'::jsonb) AS rules
     FROM calls c
     JOIN call_sentiment_all v ON v.source = c.source AND v.call_id = c.call_id
     LEFT JOIN LATERAL (
       SELECT jsonb_agg(round(fs.comparative::numeric, 3) ORDER BY tf.seq) AS points
       FROM transcript_fragments tf JOIN fragment_scores fs ON fs.event_id = tf.event_id
         AND fs.occurred_at = tf.occurred_at
       WHERE tf.source = c.source AND tf.call_id = c.call_id AND tf.speaker = 'customer'
     ) sp ON true
     LEFT JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('name', l.rule_name, 'severity', l.severity)
                        ORDER BY l.rule_name) AS rules
       FROM (
         SELECT DISTINCT ON (m.rule_name) m.rule_name, m.severity, m.status
         FROM rule_matches m WHERE m.source = c.source AND m.call_id = c.call_id
         ORDER BY m.rule_name, m.rule_version DESC
       ) l WHERE l.status <> 'retracted'
     ) rm ON true
     WHERE ${filter}
     ORDER BY v.started_at DESC NULLS LAST, c.first_seen_at DESC, c.source, c.call_id
     LIMIT $1`,
    params,
  );
  return rows as Record<string, unknown>[];
};
