import type { AnalysisMessage, CallEvent } from '@callpulse/contracts';
import {
  checkCallFigures,
  createPool,
  inTransaction,
  writeBatch,
  writeCallEvents,
  type Pool,
  type StoredCallEvent,
  type WriterBatch,
} from '@callpulse/db';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { fragmentScore, scenario } from './support/call-batches.js';

// The writer's COPY path: detail rows are streamed into per-connection staging tables and
// moved on with INSERT … SELECT … ON CONFLICT. What it must keep from the row-by-row
// upserts it replaced: exact values, idempotent replays, and never a silent loss.

const AWKWARD = 'tab\there, newline\nthere, cr\r, backslash \\ and \\N, "quotes", é 😀';

const withText = (e: StoredCallEvent, text: string): StoredCallEvent => {
  if (e.event.type !== 'transcript') return e;
  const event: CallEvent = {
    ...e.event,
    transcript: { ...e.event.transcript, text },
    raw: { note: text, nested: { list: [text, null, 1.5] } },
  };
  return { ...e, event };
};

const finalSummary = (source: string, callId: string, hits: string[]): AnalysisMessage => {
  const agg = { score: -3, comparative: -0.3, label: 'negative' as const };
  return {
    kind: 'call_summary',
    eventId: `${source}-${callId}-summary`,
    source,
    callId,
    isTest: false,
    analyzerVersion: 'test',
    keywordListsVersion: '1',
    summary: { overall: agg, customerLabel: 'negative', bySpeaker: { customer: agg, ai: agg } },
    hits: hits.map((list, i) => ({
      list,
      term: 'cancel',
      match: 'stem',
      matchedText: 'cancelled',
      start: 3,
      end: 12,
      speaker: 'customer',
      utteranceIndex: i,
    })),
  };
};

const EMPTY: WriterBatch = { events: [], analysis: [], matches: [] };

describe('the writer stores detail rows by COPY through staging tables', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = createPool({ connectionString: inject('databaseUrl'), max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  const counts = async (source: string) =>
    (
      await pool.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM call_events WHERE source = $1) AS events,
                (SELECT count(*) FROM transcript_fragments WHERE source = $1) AS fragments,
                (SELECT count(*) FROM fragment_scores WHERE source = $1) AS scores,
                (SELECT count(*) FROM call_summaries WHERE source = $1) AS summaries,
                (SELECT count(*) FROM keyword_hits WHERE source = $1) AS hits,
                (SELECT json_agg(f ORDER BY call_id) FROM call_figures f WHERE source = $1) AS figures`,
        [source],
      )
    ).rows[0];

  it('stores text and raw bodies exactly, whatever characters they hold', async () => {
    const s = scenario(1, 10);
    const events = s.events.map((e) => withText(e, AWKWARD));
    await inTransaction(pool, (client) => writeBatch(client, { ...EMPTY, events }));
    const { rows } = await pool.query<{ text: string; raw: unknown }>(
      `SELECT f.text, e.raw FROM transcript_fragments f JOIN call_events e USING (event_id)
       WHERE f.source = $1`,
      [s.source],
    );
    const fragments = events.filter((e) => e.event.type === 'transcript');
    expect(rows).toHaveLength(fragments.length);
    for (const row of rows) {
      expect(row.text).toBe(AWKWARD);
      expect(row.raw).toEqual({ note: AWKWARD, nested: { list: [AWKWARD, null, 1.5] } });
    }
  });

  it('stores nothing twice when a batch is replayed, even with different hits the second time', async () => {
    const s = scenario(2, 20);
    const fragments = s.events.filter((e) => e.event.type === 'transcript');
    const batch: WriterBatch = {
      ...EMPTY,
      events: s.events,
      analysis: [
        ...fragments.map((f, i) => fragmentScore(f.event, i % 2 ? -0.4 : 0.3, ['churn'])),
        finalSummary(s.source, '1', ['churn', 'billing']),
      ],
    };
    await inTransaction(pool, (client) => writeBatch(client, batch));
    const first = await counts(s.source);
    expect(first).toMatchObject({
      events: String(s.events.length),
      fragments: String(fragments.length),
      scores: String(fragments.length),
      summaries: '1',
      hits: String(fragments.length + 2),
    });

    await inTransaction(pool, (client) => writeBatch(client, batch));
    // A re-analysis under newer keyword lists: the first analysis of an event wins.
    const reanalysed: WriterBatch = {
      ...EMPTY,
      analysis: [
        ...fragments.map((f) => fragmentScore(f.event, -0.9, ['churn', 'legal'])),
        finalSummary(s.source, '1', ['legal']),
      ],
    };
    await inTransaction(pool, (client) => writeBatch(client, reanalysed));
    expect(await counts(s.source)).toEqual(first);
    expect(await checkCallFigures(pool, s)).toEqual([]);
  });

  it('stores every row when a transaction stages twice', async () => {
    const s = scenario(2, 30);
    const half = Math.ceil(s.events.length / 2);
    await inTransaction(pool, async (client) => {
      await writeCallEvents(client, s.events.slice(0, half));
      await writeCallEvents(client, s.events.slice(half));
    });
    expect(await counts(s.source)).toMatchObject({ events: String(s.events.length) });
  });

  // Migration 0012 dropped the detail tables' foreign keys to calls: the writer's own
  // ordering (the call row written or ensured before any detail row of the call, in the
  // same transaction) is what keeps every detail row attached to its call now.
  it('writes the call row of every detail row it stores, whichever topic arrives first (the keys 0012 dropped)', async () => {
    const keys = await pool.query<{ table: string }>(
      `SELECT conrelid::regclass::text AS table FROM pg_constraint
       WHERE contype = 'f' AND confrelid = 'calls'::regclass AND conparentid = 0`,
    );
    expect(keys.rows.map((r) => r.table).sort()).toEqual(['call_summaries']);

    const s = scenario(3, 50);
    const fragments = s.events.filter((e) => e.event.type === 'transcript');
    const ofCall = (id: string) => fragments.filter((f) => f.event.call?.callId === id);
    const orphans = async () =>
      (
        await pool.query<{ detail: string; rows: string; orphans: string }>(
          `SELECT t.detail, count(*) AS rows, count(*) FILTER (WHERE c.call_id IS NULL) AS orphans
           FROM (
             SELECT 'events' AS detail, source, call_id FROM call_events WHERE source = $1
             UNION ALL SELECT 'fragments', source, call_id FROM transcript_fragments WHERE source = $1
             UNION ALL SELECT 'scores', source, call_id FROM fragment_scores WHERE source = $1
             UNION ALL SELECT 'hits', source, call_id FROM keyword_hits WHERE source = $1
           ) t
           LEFT JOIN calls c ON c.source = t.source AND c.call_id = t.call_id
           GROUP BY t.detail ORDER BY t.detail`,
          [s.source],
        )
      ).rows;
    // Analysis of call 1 (scores with hits, a summary) before any of its events.
    await inTransaction(pool, (client) =>
      writeBatch(client, {
        ...EMPTY,
        analysis: [
          ...ofCall('1').map((f) => fragmentScore(f.event, -0.3, ['churn'])),
          finalSummary(s.source, '1', ['churn']),
        ],
      }),
    );
    expect(await orphans()).toEqual([
      { detail: 'hits', rows: String(ofCall('1').length + 1), orphans: '0' },
      { detail: 'scores', rows: String(ofCall('1').length), orphans: '0' },
    ]);
    // Then the events of calls 2 and 3; then call 1's events with call 2's analysis.
    await inTransaction(pool, (client) =>
      writeBatch(client, {
        ...EMPTY,
        events: s.events.filter((e) => e.event.call?.callId !== '1'),
      }),
    );
    await inTransaction(pool, (client) =>
      writeBatch(client, {
        ...EMPTY,
        events: s.events.filter((e) => e.event.call?.callId === '1'),
        analysis: ofCall('2').map((f) => fragmentScore(f.event, 0.2)),
      }),
    );
    expect((await orphans()).map((r) => [r.detail, r.orphans])).toEqual([
      ['events', '0'],
      ['fragments', '0'],
      ['hits', '0'],
      ['scores', '0'],
    ]);
    expect(await checkCallFigures(pool, s)).toEqual([]);
  });

  it('fails loudly, never silently, when called outside a transaction', async () => {
    const s = scenario(1, 40);
    const client = await pool.connect();
    try {
      // Staged rows of an autocommitted COPY are gone at its commit (ON COMMIT DELETE ROWS).
      await expect(writeCallEvents(client, s.events)).rejects.toThrow(/inside a transaction/);
    } finally {
      client.release();
    }
    expect(await counts(s.source)).toMatchObject({ events: '0' });
  });
});
