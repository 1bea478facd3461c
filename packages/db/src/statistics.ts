import pg from 'pg';
import type { Pool } from './pool.js';

/**
 * The tables every everyday question starts from: one row per call each. Their planner
 * statistics decide whether "the newest churn calls" walks an index or sorts every match.
 */
export const QUESTION_TABLES = ['calls', 'call_figures'] as const;

/** Whether the server's autovacuum daemon runs (and so analyzes changed tables itself). */
export const autovacuumRuns = async (pool: Pool): Promise<boolean> => {
  const { rows } = await pool.query<{ on: boolean }>(
    `SELECT current_setting('autovacuum')::boolean AND current_setting('track_counts')::boolean
       AS on`,
  );
  return rows[0]?.on === true;
};

/**
 * ANALYZEs those of `tables` changed enough since their last analyze, by autovacuum's
 * default rule (more than 50 rows + 10% of the table modified), and returns their names.
 */
export const analyzeStaleTables = async (
  pool: Pool,
  tables: readonly string[] = QUESTION_TABLES,
): Promise<string[]> => {
  const { rows } = await pool.query<{ relname: string }>(
    `SELECT relname FROM pg_stat_user_tables
     WHERE schemaname = current_schema() AND relname = ANY($1::text[])
       AND n_mod_since_analyze > 50 + 0.1 * GREATEST(n_live_tup, 0)
     ORDER BY relname`,
    [tables],
  );
  for (const { relname } of rows) await pool.query(`ANALYZE ${pg.escapeIdentifier(relname)}`);
  return rows.map((r) => r.relname);
};
