import { LABEL_THRESHOLDS } from '@callpulse/analysis';
import { createPool } from '@callpulse/db';
import { describe, expect, it, inject } from 'vitest';

// Live labels in call_sentiment are computed in SQL (sentiment_label) from mean scores;
// they must cut where the analysis package cuts.
describe('sentiment_label() in Postgres', () => {
  it('uses the analysis package thresholds', async () => {
    const values = [
      LABEL_THRESHOLDS.positive,
      LABEL_THRESHOLDS.negative,
      LABEL_THRESHOLDS.positive - 1e-9,
      LABEL_THRESHOLDS.negative + 1e-9,
      ...Array.from({ length: 41 }, (_, i) => (i - 20) / 200),
    ];
    const tsLabel = (c: number) =>
      c >= LABEL_THRESHOLDS.positive
        ? 'positive'
        : c <= LABEL_THRESHOLDS.negative
          ? 'negative'
          : 'neutral';
    const pool = createPool({ connectionString: inject('databaseUrl'), max: 1 });
    try {
      const { rows } = await pool.query<{ v: number; label: string }>(
        'SELECT v, sentiment_label(v) AS label FROM unnest($1::float8[]) AS v',
        [values],
      );
      expect(rows.map((r) => r.label)).toEqual(values.map(tsLabel));
    } finally {
      await pool.end();
    }
  });
});
