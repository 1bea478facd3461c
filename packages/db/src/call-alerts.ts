import type { Pool } from 'pg';
import type { LiveCallKey } from './live-calls.js';

/** SQLSTATEs that mean "alerts are not stored in this database (yet)". */
const NOT_THERE = new Set(['42P01', '42703']); // undefined_table, undefined_column

/**
 * HOOK for alerts (built separately): alerts sent per call, read from a `call_alerts`
 * relation with at least `source` and `call_id` columns, one row per alert sent. Until a
 * migration creates it, every call has none and the UI shows no alerts panel.
 */
export const countCallAlerts = async (
  pool: Pool,
  keys: readonly LiveCallKey[],
): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  if (keys.length === 0) return counts;
  const { rows: exists } = await pool.query<{ ok: boolean }>(
    `SELECT to_regclass('call_alerts') IS NOT NULL AS ok`,
  );
  if (!exists[0]?.ok) return counts;
  try {
    const { rows } = await pool.query<{ source: string; call_id: string; n: number }>(
      `SELECT source, call_id, count(*)::int AS n FROM call_alerts
       WHERE (source, call_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       GROUP BY source, call_id`,
      [keys.map((k) => k.source), keys.map((k) => k.callId)],
    );
    for (const r of rows) counts.set(JSON.stringify([r.source, r.call_id]), r.n);
  } catch (error) {
    if (!NOT_THERE.has((error as { code?: string }).code ?? '')) throw error;
  }
  return counts;
};
