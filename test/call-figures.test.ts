import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnalysisMessage, RuleMatchMessage } from '@callpulse/contracts';
import {
  checkCallFigures,
  createPool,
  inTransaction,
  isTransientDbError,
  refreshCallFigures,
  writeAnalysis,
  writeBatch,
  type Pool,
  type WriterBatch,
} from '@callpulse/db';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { fragmentScore, scenario } from './support/call-batches.js';
import { waitFor } from './support/wait-for.js';

// Stored per-call figures (call_sentiment) and hourly rollups, written through the writer's
// own batch function against the real Postgres: replays, out-of-order analysis, concurrent
// transactions on one call, and the consistency check that must notice a wrong figure.

const root = fileURLToPath(new URL('../', import.meta.url));

/** `callpulse check` as an operator runs it. */
const check = (since: Date, until: Date) =>
  spawnSync(
    process.execPath,
    [
      'packages/cli/bin/callpulse.js',
      'check',
      '--since',
      since.toISOString(),
      '--until',
      until.toISOString(),
    ],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: inject('databaseUrl') },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );

const EMPTY: WriterBatch = { events: [], analysis: [], matches: [] };

const summary = (
  source: string,
  callId: string,
  customer: 'positive' | 'neutral' | 'negative',
): AnalysisMessage => {
  const agg = { score: -3, comparative: -0.3, label: 'negative' as const };
  return {
    kind: 'call_summary',
    eventId: `${source}-${callId}-summary`,
    source,
    callId,
    isTest: false,
    analyzerVersion: 'test',
    keywordListsVersion: '1',
    summary: { overall: agg, customerLabel: customer, bySpeaker: { customer: agg, ai: agg } },
    hits: [],
  };
};

const ruleMatch = (source: string, callId: string, rule: string): RuleMatchMessage => ({
  matchId: `${source}/${callId}/${rule}@1`,
  source,
  callId,
  rule,
  ruleVersion: 1,
  severity: 'high',
  phase: 'live',
  status: 'fired',
  basis: 'event',
  atSecond: 12,
  matchedAt: new Date().toISOString(),
  decidedAt: new Date().toISOString(),
  evidence: [],
  isTest: false,
  origin: 'live',
  trigger: { eventId: null, receivedAt: null },
  notify: [],
  notifyOn: [],
});

describe('stored call figures and rollups', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = createPool({ connectionString: inject('databaseUrl'), max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  // As the writer does: a transaction that lost a deadlock is tried again.
  const write = async (batch: Partial<WriterBatch>): Promise<void> => {
    for (;;) {
      try {
        await inTransaction(pool, (client) => writeBatch(client, { ...EMPTY, ...batch }));
        return;
      } catch (error) {
        if (!isTransientDbError(error)) throw error;
      }
    }
  };

  const sentimentRows = async (source: string) =>
    (
      await pool.query<{
        call_id: string;
        status: string;
        fragments: string;
        label: string | null;
        rules_matched: string[] | null;
      }>(
        `SELECT call_id, status, fragments, avg_sentiment, customer_sentiment, label, keyword_hits,
           keyword_lists_hit, rules_matched
         FROM call_sentiment WHERE source = $1 ORDER BY call_id`,
        [source],
      )
    ).rows;

  const rollup = async (source: string) =>
    (
      await pool.query<{ calls: string; negative: string; neutral: string; answered: string }>(
        `SELECT sum(calls) AS calls, sum(negative) AS negative, sum(neutral) AS neutral,
           sum(answered) AS answered
         FROM call_rollup_daily WHERE source = $1`,
        [source],
      )
    ).rows[0];

  it('equals the recomputation after analysis arrives before its events, and a replayed batch changes nothing', async () => {
    const s = scenario(6, 0);
    const fragments = s.events.filter((e) => e.event.type === 'transcript');
    const scores = fragments.map((f, i) =>
      fragmentScore(f.event, i % 3 === 0 ? -0.2 : 0.01, i % 4 === 0 ? ['churn'] : []),
    );
    // Analysis first (another topic), then the events, in two batches.
    await write({ analysis: scores });
    await write({ events: s.events.slice(0, 20) });
    await write({ events: s.events.slice(20) });
    await write({ matches: [ruleMatch(s.source, '1', 'angry')] });
    const once = await sentimentRows(s.source);
    expect(once).toHaveLength(6);
    expect(once.every((r) => r.status === 'ended' && Number(r.fragments) === 4)).toBe(true);
    expect(once.find((r) => r.call_id === '1')?.rules_matched).toEqual(['angry']);
    const rollupOnce = await rollup(s.source);
    expect(rollupOnce?.calls).toBe('6');
    expect(rollupOnce?.answered).toBe('6');

    // The same batches again, as after a crash before the offsets were committed.
    await write({ events: s.events, analysis: scores });
    await write({ analysis: scores, matches: [ruleMatch(s.source, '1', 'angry')] });
    expect(await sentimentRows(s.source)).toEqual(once);
    expect(await rollup(s.source)).toEqual(rollupOnce);
    expect(await checkCallFigures(pool, s)).toEqual([]);
  });

  it('moves a call between labels in the rollup when its summary arrives', async () => {
    const s = scenario(1, 30);
    const scores = s.events
      .filter((e) => e.event.type === 'transcript')
      .map((f) => fragmentScore(f.event, 0));
    await write({ events: s.events, analysis: scores });
    expect((await sentimentRows(s.source))[0]?.label).toBe('neutral');
    expect(await rollup(s.source)).toMatchObject({ calls: '1', neutral: '1', negative: '0' });

    await write({ analysis: [summary(s.source, '1', 'negative')] });
    expect((await sentimentRows(s.source))[0]?.label).toBe('negative');
    expect(await rollup(s.source)).toMatchObject({ calls: '1', neutral: '0', negative: '1' });
    expect(await checkCallFigures(pool, s)).toEqual([]);
  });

  it('sees every row of two concurrent transactions on one call (fragments in one, scores in the other)', async () => {
    const s = scenario(1, 60);
    const fragments = s.events.filter((e) => e.event.type === 'transcript');
    const others = s.events.filter((e) => e.event.type !== 'transcript');
    await write({ events: others });
    const scores = fragments.map((f) => fragmentScore(f.event, -0.5));

    // The interleaving two writers can produce: B stores the scores; A stores the
    // fragments and refreshes; B refreshes while A is still open, then A commits, then B.
    // B's refresh must wait for A and then see A's fragments.
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await b.query('BEGIN');
      await writeAnalysis(b, scores);
      await a.query('BEGIN');
      await writeBatch(a, { ...EMPTY, events: fragments });
      const bDone = refreshCallFigures(b, [{ source: s.source, callId: '1' }]).then(() =>
        b.query('COMMIT'),
      );
      await waitFor(
        async () =>
          (
            await pool.query<{ waiting: boolean }>(
              `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted) AS waiting`,
              [(b as unknown as { processID: number }).processID],
            )
          ).rows[0]?.waiting === true,
        { what: "B's refresh to wait for A" },
      );
      await a.query('COMMIT');
      await bDone;
    } finally {
      a.release();
      b.release();
    }
    const [row] = await sentimentRows(s.source);
    expect(row).toMatchObject({ fragments: '4', avg_sentiment: -0.5, label: 'negative' });
    expect(await checkCallFigures(pool, s)).toEqual([]);
  });

  it('equals the recomputation after writers store the events and the analysis of the same calls at once, in small batches', async () => {
    const s = scenario(40, 120);
    const scores = s.events
      .filter((e) => e.event.type === 'transcript')
      .map((f, i) => fragmentScore(f.event, ((i * 37) % 11) / 20 - 0.25, i % 5 ? [] : ['churn']));
    const summaries = s.generated.map((c, i) =>
      summary(
        s.source,
        c.callId,
        (['negative', 'neutral', 'positive'] as const)[i % 3] ?? 'neutral',
      ),
    );
    const chunks = <T>(xs: T[], n: number): T[][] =>
      Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
    // Three writers, as consumers of three partitions of two topics would be; each keeps
    // its own order (a call's events in order), the three interleave freely.
    await Promise.all([
      (async () => {
        for (const c of chunks(s.events, 7)) await write({ events: c });
      })(),
      (async () => {
        for (const c of chunks(scores, 5)) await write({ analysis: c });
      })(),
      (async () => {
        for (const c of chunks([...s.events].reverse(), 9)) await write({ events: c });
        for (const c of chunks(summaries, 3)) await write({ analysis: c });
      })(),
    ]);
    expect(await checkCallFigures(pool, s)).toEqual([]);
    const r = await rollup(s.source);
    expect(r?.calls).toBe('40');
    expect(r?.answered).toBe('40');
  });

  // The refresh moves the rollups by each changed call's old figures (the "-" side) and
  // new ones: every call of a large batch must leave its old label exactly once.
  it('moves every call of one large batch out of its old rollup figures exactly once', async () => {
    const s = scenario(60, 180);
    const fragments = s.events.filter((e) => e.event.type === 'transcript');
    await write({ events: s.events });
    expect(await rollup(s.source)).toMatchObject({ calls: '60', neutral: '0', negative: '0' });
    // One batch changes every call: scores (neutral or negative by call), then summaries.
    await write({
      analysis: fragments.map((f) =>
        fragmentScore(f.event, Number(f.event.call?.callId) % 2 ? -0.5 : 0, ['churn']),
      ),
    });
    expect(await rollup(s.source)).toMatchObject({ calls: '60', neutral: '30', negative: '30' });
    await write({
      analysis: s.generated.map((c) => summary(s.source, c.callId, 'negative')),
    });
    expect(await rollup(s.source)).toMatchObject({ calls: '60', neutral: '0', negative: '60' });
    expect(await checkCallFigures(pool, s)).toEqual([]);
    // A second refresh of every call (the repair path) finds nothing to change.
    const { rows } = await pool.query<{ changed: string }>(
      `SELECT call_figures_refresh(array_agg(source), array_agg(call_id)) AS changed
       FROM calls WHERE source = $1`,
      [s.source],
    );
    expect(rows[0]?.changed).toBe('0');
  });

  it('counts a rule match stored while another transaction is inserting the call', async () => {
    const s = scenario(1, 150);
    const a = await pool.connect();
    try {
      // A stores the call's first events (its calls row not yet committed) …
      await a.query('BEGIN');
      await writeBatch(a, { ...EMPTY, events: s.events });
      // … while B stores a rule match for the call and refreshes it.
      let bDone = false;
      const b = write({ matches: [ruleMatch(s.source, '1', 'angry')] }).then(() => {
        bDone = true;
      });
      await waitFor(
        async () =>
          bDone ||
          (
            await pool.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
               WHERE NOT l.granted AND a.query LIKE '%INSERT INTO calls%'`,
            )
          ).rows[0]?.n !== '0',
        { what: 'B to finish or to wait for A' },
      );
      await a.query('COMMIT');
      await b;
    } finally {
      a.release();
    }
    expect((await sentimentRows(s.source))[0]?.rules_matched).toEqual(['angry']);
    expect(await checkCallFigures(pool, s)).toEqual([]);
  });

  it('reports a stored figure or a rollup that differs from the detail tables', async () => {
    const s = scenario(2, 90);
    await write({ events: s.events });
    expect(await checkCallFigures(pool, s)).toEqual([]);
    const clean = check(s.since, s.until);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toMatch(/^stored figures match the detail tables/);

    await pool.query(
      `UPDATE call_figures SET fragments = fragments + 1 WHERE source = $1 AND call_id = '1'`,
      [s.source],
    );
    await pool.query(`UPDATE call_rollup_hourly SET missed = missed + 1 WHERE source = $1`, [
      s.source,
    ]);
    const differences = await checkCallFigures(pool, s);
    expect(differences.map((d) => [d.kind, d.key, d.problem])).toEqual([
      ['call', '1', 'different'],
      ['rollup', expect.stringMatching(/^20\d\d-/), 'different'],
    ]);
    const dirty = check(s.since, s.until);
    expect(dirty.status).toBe(1);
    expect(
      dirty.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { kind: string }).kind),
    ).toEqual(['call', 'rollup']);
    expect(dirty.stderr).toMatch(/2 difference\(s\) in the stored figures/);

    // A refresh from the detail rows repairs the call; the rollup moves by differences
    // only, so it keeps its error until rebuilt, and the check keeps saying so.
    await write({ events: s.events });
    const after = await checkCallFigures(pool, s);
    expect(after.map((d) => d.kind)).toEqual(['rollup']);

    await pool.query('SELECT call_rollup_rebuild($1, $2)', [s.since, s.until]);
    expect(await checkCallFigures(pool, s)).toEqual([]);
  });
});
