import type { Pool } from 'pg';
import type { CallKey } from './rule-state.js';

/**
 * Ended calls whose start lies in [since, until), a page at a time in (source, call_id)
 * order: `after` is the last call of the previous page. Calls in progress are left to the
 * live evaluation: a replayed verdict would freeze them before they end.
 */
export const listCallsPage = async (
  pool: Pool,
  {
    since,
    until,
    after,
    limit,
  }: { since: Date | null; until: Date | null; after: CallKey | null; limit: number },
): Promise<CallKey[]> => {
  const { rows } = await pool.query<{ source: string; call_id: string }>(
    `SELECT source, call_id FROM calls
     WHERE ended_at IS NOT NULL
       AND ($1::timestamptz IS NULL OR COALESCE(initiated_at, first_event_at) >= $1)
       AND ($2::timestamptz IS NULL OR COALESCE(initiated_at, first_event_at) < $2)
       AND ($3::text IS NULL OR (source, call_id) > ($3, $4))
     ORDER BY source, call_id
     LIMIT $5`,
    [since, until, after?.source ?? null, after?.callId ?? '', limit],
  );
  return rows.map((r) => ({ source: r.source, callId: r.call_id }));
};

export interface StoredEventBody {
  source: string;
  callId: string;
  eventId: string;
  /** The webhook body as ingest published it (redacted where redaction is on). */
  raw: unknown;
  receivedAt: Date;
}

/** The stored events of these calls, each call's in arrival (Kafka offset) order. */
export const loadCallEventBodies = async (
  pool: Pool,
  calls: readonly CallKey[],
): Promise<StoredEventBody[]> => {
  if (calls.length === 0) return [];
  const { rows } = await pool.query<{
    source: string;
    call_id: string;
    event_id: string;
    raw: unknown;
    received_at: Date;
  }>(
    `SELECT e.source, e.call_id, e.event_id, e.raw, e.received_at
     FROM unnest($1::text[], $2::text[]) AS k(source, call_id)
     JOIN call_events e USING (source, call_id)
     ORDER BY e.source, e.call_id, e.kafka_partition, e.kafka_offset`,
    [calls.map((c) => c.source), calls.map((c) => c.callId)],
  );
  return rows.map((r) => ({
    source: r.source,
    callId: r.call_id,
    eventId: r.event_id,
    raw: r.raw,
    receivedAt: r.received_at,
  }));
};

/**
 * For each of these calls, the latest stored version of `rule` and whether it holds
 * (matched and not retracted). Calls the rule was never stored for are absent.
 */
export const loadStoredVerdicts = async (
  pool: Pool,
  rule: string,
  calls: readonly CallKey[],
): Promise<Map<string, { version: number; holds: boolean }>> => {
  const verdicts = new Map<string, { version: number; holds: boolean }>();
  if (calls.length === 0) return verdicts;
  const { rows } = await pool.query<{
    source: string;
    call_id: string;
    rule_version: string;
    status: string;
  }>(
    `SELECT DISTINCT ON (m.source, m.call_id) m.source, m.call_id, m.rule_version, m.status
     FROM unnest($1::text[], $2::text[]) AS k(source, call_id)
     JOIN rule_matches m USING (source, call_id)
     WHERE m.rule_name = $3
     ORDER BY m.source, m.call_id, m.rule_version DESC`,
    [calls.map((c) => c.source), calls.map((c) => c.callId), rule],
  );
  for (const r of rows) {
    verdicts.set(`${r.source}/${r.call_id}`, {
      version: Number(r.rule_version),
      holds: r.status !== 'retracted',
    });
  }
  return verdicts;
};
