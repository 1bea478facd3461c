import {
  analyzeStaleTables,
  createPool,
  dropDatabase,
  ensureDatabase,
  inTransaction,
  migrate,
  withDatabase,
  writeBatch,
  type Pool,
} from '@callpulse/db';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { callBatch, fragmentScore } from './support/call-batches.js';
import { waitFor } from './support/wait-for.js';

// The writer's statistics keeper (for servers with autovacuum off, like this machine's):
// tables changed past autovacuum's default rule get analyzed, unchanged ones do not.

describe('analyzeStaleTables', () => {
  let url: string;
  let pool: Pool;
  beforeAll(async () => {
    url = withDatabase(inject('databaseUrl'), `callpulse_stats_${Date.now().toString(36)}`);
    await ensureDatabase(url);
    await migrate({ connectionString: url });
    pool = createPool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    if (url) await dropDatabase(url);
  });

  const analyzedAt = async (table: string) =>
    (
      await pool.query<{ at: Date | null }>(
        `SELECT greatest(last_analyze, last_autoanalyze) AS at FROM pg_stat_user_tables
         WHERE relname = $1`,
        [table],
      )
    ).rows[0]?.at ?? null;

  it('analyzes calls and call_figures once a load has changed them, and only then', async () => {
    // Nothing written yet: nothing to analyze.
    expect(await analyzeStaleTables(pool)).toEqual([]);
    const batch = callBatch(120, 1_930_000_000, 'stats:load');
    await inTransaction(pool, (client) =>
      writeBatch(client, {
        events: batch.events,
        analysis: batch.events
          .filter((e) => e.event.type === 'transcript')
          .map((e, i) => fragmentScore(e.event, 0.1, i % 3 ? [] : ['churn'])),
        matches: [],
      }),
    );
    // The server's counters reach pg_stat_user_tables within about a second.
    const seen = new Set<string>();
    await waitFor(
      async () => {
        for (const t of await analyzeStaleTables(pool)) seen.add(t);
        return seen.has('calls') && seen.has('call_figures');
      },
      { what: 'calls and call_figures analyzed' },
    );
    expect(await analyzedAt('call_figures')).not.toBeNull();
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stats WHERE tablename = 'call_figures'
         AND attname IN ('started_at', 'keyword_lists_hit')`,
    );
    expect(Number(rows[0]?.n)).toBe(2);
    // Unchanged since: left alone.
    const before = await analyzedAt('call_figures');
    expect(await analyzeStaleTables(pool)).toEqual([]);
    expect(await analyzedAt('call_figures')).toEqual(before);
  });
});
