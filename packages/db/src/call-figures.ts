import type { Pool, PoolClient } from 'pg';
import type { CallKey } from './rule-state.js';

/**
 * Recomputes the stored figures (call_figures, the hourly rollups) of the given calls from
 * their detail rows, inside the caller's transaction. Call it once, after every detail row
 * of the transaction is written, and after each call's row in `calls` was written or
 * ensured in this transaction (so that a row another transaction is inserting has been
 * waited for): it locks the calls rows, last and in a fixed order, and a call whose row it
 * cannot see is left to the transaction inserting it.
 * Returns how many calls' figures changed.
 */
export const refreshCallFigures = async (
  client: PoolClient,
  keys: readonly CallKey[],
): Promise<number> => {
  const unique = new Map<string, CallKey>();
  for (const k of keys) unique.set(`${k.source}\u0000${k.callId}`, k);
  if (unique.size === 0) return 0;
  const list = [...unique.values()];
  const { rows } = await client.query<{ changed: string }>(
    'SELECT call_figures_refresh($1::text[], $2::text[]) AS changed',
    [list.map((k) => k.source), list.map((k) => k.callId)],
  );
  return Number(rows[0]?.changed ?? 0);
};

export interface FiguresDifference {
  kind: 'call' | 'rollup';
  source: string;
  /** The call id, or the hour (and list) of a rollup row. */
  key: string;
  problem: string;
  stored: unknown;
  computed: unknown;
}

/**
 * Recomputes the figures of the calls that started in [since, until) and the rollups of
 * those hours from the detail tables, and lists every difference from what is stored.
 */
export const checkCallFigures = async (
  pool: Pool,
  { since, until }: { since: Date; until: Date },
): Promise<FiguresDifference[]> => {
  const calls = await pool.query<{
    source: string;
    call_id: string;
    problem: string;
    stored: unknown;
    computed: unknown;
  }>('SELECT * FROM call_figures_check($1, $2)', [since, until]);
  const rollups = await pool.query<{
    source: string;
    hour: Date;
    list_name: string | null;
    stored: unknown;
    computed: unknown;
  }>('SELECT * FROM call_rollup_check($1, $2)', [since, until]);
  return [
    ...calls.rows.map((r) => ({
      kind: 'call' as const,
      source: r.source,
      key: r.call_id,
      problem: r.problem,
      stored: r.stored,
      computed: r.computed,
    })),
    ...rollups.rows.map((r) => ({
      kind: 'rollup' as const,
      source: r.source,
      key: `${r.hour.toISOString()}${r.list_name ? ` list ${r.list_name}` : ''}`,
      problem: r.stored === null ? 'missing' : r.computed === null ? 'not in calls' : 'different',
      stored: r.stored,
      computed: r.computed,
    })),
  ];
};
