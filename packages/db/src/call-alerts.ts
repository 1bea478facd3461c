import type { Pool } from 'pg';
import type { LiveCallKey } from './live-calls.js';

/** Alerts delivered per call, from the `call_alerts` view (migration 0008). */
export const countCallAlerts = async (
  pool: Pool,
  keys: readonly LiveCallKey[],
): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  if (keys.length === 0) return counts;
  const { rows } = await pool.query<{ source: string; call_id: string; n: number }>(
    `SELECT source, call_id, alerts_delivered::int AS n FROM call_alerts
     WHERE (source, call_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [keys.map((k) => k.source), keys.map((k) => k.callId)],
  );
  for (const r of rows) counts.set(JSON.stringify([r.source, r.call_id]), r.n);
  return counts;
};
