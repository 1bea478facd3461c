import type { Pool } from 'pg';

export interface CallKey {
  source: string;
  callId: string;
}

/** The saved evaluator states of these calls (missing: never saved). */
export const loadRuleStates = async (
  pool: Pool,
  calls: readonly CallKey[],
): Promise<Map<string, unknown>> => {
  const found = new Map<string, unknown>();
  if (calls.length === 0) return found;
  const { rows } = await pool.query<{ source: string; call_id: string; state: unknown }>(
    `SELECT s.source, s.call_id, s.state
     FROM unnest($1::text[], $2::text[]) AS k(source, call_id)
     JOIN rule_state s USING (source, call_id)`,
    [calls.map((c) => c.source), calls.map((c) => c.callId)],
  );
  for (const row of rows) found.set(`${row.source}/${row.call_id}`, row.state);
  return found;
};

/** Saves states in one statement; the newest write for a call wins. */
export const saveRuleStates = async (
  pool: Pool,
  states: readonly (CallKey & { state: unknown; ended: boolean })[],
): Promise<void> => {
  if (states.length === 0) return;
  await pool.query(
    `INSERT INTO rule_state (source, call_id, state, ended, updated_at)
     SELECT source, call_id, state, ended, now()
     FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::boolean[]) AS s(source, call_id, state, ended)
     ON CONFLICT (source, call_id) DO UPDATE
       SET state = EXCLUDED.state, ended = EXCLUDED.ended, updated_at = EXCLUDED.updated_at`,
    [
      states.map((s) => s.source),
      states.map((s) => s.callId),
      states.map((s) => JSON.stringify(s.state)),
      states.map((s) => s.ended),
    ],
  );
};
