import {
  CALL_STATUSES,
  DIRECTIONS,
  LABELS,
  MATCH_BASES,
  MATCH_MODES,
  MATCH_PHASES,
  MATCH_STATUSES,
  SEVERITIES,
} from '@callpulse/contracts';
import { CALL_SENTIMENT_COLUMNS, createPool, type Pool } from '@callpulse/db';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';

// The vocabulary is defined once, in packages/contracts; the schema repeats some of it in
// CHECK constraints and functions. These tests keep the two in step.

let pool: Pool;
beforeAll(() => {
  pool = createPool({ connectionString: inject('databaseUrl'), max: 1 });
});
afterAll(async () => {
  await pool.end();
});

/** The quoted values of a CHECK constraint, e.g. `status = ANY (ARRAY['a', 'b'])` → a, b. */
const checkValues = async (table: string, constraint: string): Promise<string[]> => {
  const { rows } = await pool.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = $1::regclass AND conname = $2`,
    [table, constraint],
  );
  expect(rows, `${table}.${constraint} exists`).toHaveLength(1);
  return [...(rows[0]?.def ?? '').matchAll(/'([^']*)'::text/g)].map((m) => m[1] ?? '');
};

describe('SQL and TypeScript share one vocabulary', () => {
  it('call statuses: the CHECK and call_status_rank follow CALL_STATUSES in order', async () => {
    expect(await checkValues('calls', 'calls_status_check')).toEqual([...CALL_STATUSES]);
    const { rows } = await pool.query<{ status: string; rank: number | null }>(
      'SELECT s AS status, call_status_rank(s) AS rank FROM unnest($1::text[]) AS s',
      [[...CALL_STATUSES, 'not-a-status']],
    );
    expect(rows.map((r) => r.rank)).toEqual([...CALL_STATUSES.map((_, i) => i), null]);
  });

  it('labels, directions and match modes: each CHECK lists exactly the TypeScript values', async () => {
    expect(await checkValues('fragment_scores', 'fragment_scores_label_check')).toEqual([
      ...LABELS,
    ]);
    expect(await checkValues('call_summaries', 'call_summaries_customer_label_check')).toEqual([
      ...LABELS,
    ]);
    expect(await checkValues('calls', 'calls_direction_check')).toEqual([...DIRECTIONS]);
    expect(await checkValues('keyword_hits', 'keyword_hits_match_mode_check')).toEqual([
      ...MATCH_MODES,
    ]);
  });

  it('rules: severities, match phases, statuses and bases as the contracts define them', async () => {
    expect(await checkValues('rules', 'rules_severity_check')).toEqual([...SEVERITIES]);
    expect(await checkValues('rule_matches', 'rule_matches_severity_check')).toEqual([
      ...SEVERITIES,
    ]);
    expect(await checkValues('rule_matches', 'rule_matches_phase_check')).toEqual([
      ...MATCH_PHASES,
    ]);
    expect(await checkValues('rule_matches', 'rule_matches_status_check')).toEqual([
      ...MATCH_STATUSES,
    ]);
    expect(await checkValues('rule_matches', 'rule_matches_basis_check')).toEqual([...MATCH_BASES]);
  });

  it('speakers are open names: no CHECK lists a closed set, an empty name is refused', async () => {
    for (const table of ['transcript_fragments', 'fragment_scores', 'keyword_hits']) {
      expect(await checkValues(table, `${table}_speaker_check`)).toEqual(['']);
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO keyword_lists (name, speakers, terms) VALUES ('vocab-agent', '{agent}', '[]')`,
      );
      await expect(
        client.query(
          `INSERT INTO keyword_lists (name, speakers, terms) VALUES ('vocab-empty', '{""}', '[]')`,
        ),
      ).rejects.toMatchObject({ code: '23514' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('the API names columns the view has', async () => {
    const { rows } = await pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'call_sentiment_all'`,
    );
    const columns = new Set(rows.map((r) => r.column_name));
    expect(CALL_SENTIMENT_COLUMNS.filter((c) => !columns.has(c))).toEqual([]);
  });
});
