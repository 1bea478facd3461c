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

export interface OpenRuleState extends CallKey {
  state: unknown;
  /** When it was last saved: how long the call has been quiet, at most. */
  savedAt: Date;
  isTest: boolean;
}

/** The states of calls not ended yet in one partition of the call-events topic. */
export const loadOpenRuleStates = async (
  pool: Pool,
  partition: number,
): Promise<OpenRuleState[]> => {
  const { rows } = await pool.query<{
    source: string;
    call_id: string;
    state: unknown;
    updated_at: Date;
    is_test: boolean;
  }>(
    `SELECT source, call_id, state, updated_at, is_test FROM rule_state
     WHERE partition = $1 AND NOT ended`,
    [partition],
  );
  return rows.map((r) => ({
    source: r.source,
    callId: r.call_id,
    state: r.state,
    savedAt: r.updated_at,
    isTest: r.is_test,
  }));
};

/** Saves states in one statement; the newest write for a call wins. */
export const saveRuleStates = async (
  pool: Pool,
  states: readonly (CallKey & {
    state: unknown;
    ended: boolean;
    partition: number;
    isTest: boolean;
  })[],
): Promise<void> => {
  if (states.length === 0) return;
  await pool.query(
    `INSERT INTO rule_state (source, call_id, state, ended, partition, is_test, updated_at)
     SELECT source, call_id, state, ended, partition, is_test, now()
     FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::boolean[], $5::int[], $6::boolean[])
       AS s(source, call_id, state, ended, partition, is_test)
     ON CONFLICT (source, call_id) DO UPDATE
       SET state = EXCLUDED.state, ended = EXCLUDED.ended, partition = EXCLUDED.partition,
           is_test = EXCLUDED.is_test, updated_at = EXCLUDED.updated_at`,
    [
      states.map((s) => s.source),
      states.map((s) => s.callId),
      states.map((s) => JSON.stringify(s.state)),
      states.map((s) => s.ended),
      states.map((s) => s.partition),
      states.map((s) => s.isTest),
    ],
  );
};

/**
 * Deletes states no longer needed: those of calls ended before `endedBefore` (kept until
 * then so a late duplicate of their events changes nothing), and those of calls that
 * never ended and were last saved before `openBefore` (a provider that never sent
 * call_ended). Returns how many went.
 */
export const pruneRuleStates = async (
  pool: Pool,
  { endedBefore, openBefore }: { endedBefore: Date; openBefore: Date },
): Promise<number> => {
  const { rowCount } = await pool.query(
    `DELETE FROM rule_state
     WHERE (ended AND updated_at < $1) OR (NOT ended AND updated_at < $2)`,
    [endedBefore, openBefore],
  );
  return rowCount ?? 0;
};
