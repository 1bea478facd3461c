import type { Pool } from '@callpulse/db';
import type { SendResult } from '@callpulse/simulator';

export interface Ledger {
  sent: number;
  acknowledged: number;
  stored: number;
  duplicates: number;
  lost: number;
  unexpected: number;
  orderViolations: number;
  /** Stored per-call figures and rollups that differ from a recomputation from the detail rows. */
  figureDifferences: number;
}

/**
 * The closing check of every fault scenario: the event ids that got HTTP 200 are exactly
 * the events stored (no loss, no extra), each stored once, and each call's fragments are
 * stored in the order they were sent, and the stored figures of its calls equal a
 * recomputation from their detail rows.
 */
export const ledger = async (pool: Pool, source: string, sends: SendResult[]): Promise<Ledger> => {
  const acked = new Set<string>();
  let sent = 0;
  for (const s of sends) {
    sent += s.sent;
    for (const o of s.outcomes) if (o.status === 200 && o.eventId) acked.add(o.eventId);
  }
  const { rows } = await pool.query<{ event_id: string }>(
    'SELECT event_id FROM call_events WHERE source = $1',
    [source],
  );
  const stored = new Set(rows.map((r) => r.event_id));
  const order = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM (
       SELECT provider_timestamp::bigint AS ts,
              lag(provider_timestamp::bigint) OVER (PARTITION BY call_id ORDER BY seq) AS prev
       FROM transcript_fragments WHERE source = $1) f
     WHERE prev IS NOT NULL AND ts < prev`,
    [source],
  );
  const figures = await pool.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM call_figures_check('-infinity', 'infinity') WHERE source = $1)
          + (SELECT count(*) FROM call_rollup_check('-infinity', 'infinity') WHERE source = $1) AS n`,
    [source],
  );
  return {
    sent,
    acknowledged: acked.size,
    stored: rows.length,
    duplicates: rows.length - stored.size,
    lost: [...acked].filter((id) => !stored.has(id)).length,
    unexpected: [...stored].filter((id) => !acked.has(id)).length,
    orderViolations: Number(order.rows[0]?.n ?? 0),
    figureDifferences: Number(figures.rows[0]?.n ?? 0),
  };
};

/** Fragments, scores and summaries stored for a source. */
export const analysisCounts = async (pool: Pool, source: string) => {
  const { rows } = await pool.query<{ fragments: string; scores: string; summaries: string }>(
    `SELECT (SELECT count(*) FROM transcript_fragments WHERE source = $1) AS fragments,
            (SELECT count(*) FROM fragment_scores WHERE source = $1) AS scores,
            (SELECT count(*) FROM call_summaries WHERE source = $1) AS summaries`,
    [source],
  );
  return {
    fragments: Number(rows[0]?.fragments),
    scores: Number(rows[0]?.scores),
    summaries: Number(rows[0]?.summaries),
  };
};

export const storedCount = async (pool: Pool, source: string): Promise<number> =>
  Number(
    (
      await pool.query<{ n: string }>('SELECT count(*) AS n FROM call_events WHERE source = $1', [
        source,
      ])
    ).rows[0]?.n,
  );
