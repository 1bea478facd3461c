import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkCallFigures,
  createDetailPartitions,
  createPool,
  dropDatabase,
  ensureDatabase,
  findMigrationsDir,
  inTransaction,
  migrate,
  withDatabase,
  writeBatch,
  type Pool,
} from '@callpulse/db';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { callBatch, fragmentScore } from './support/call-batches.js';

// Migration 0011 turns the detail tables of a database that already holds calls into daily
// partitions without losing a row, and a day created after rows of it landed in DEFAULT
// takes them over. Each in a database of its own.

const DAY_S = 86_400;

const database = async (name: string) => {
  const url = withDatabase(inject('databaseUrl'), `callpulse_${name}_${Date.now().toString(36)}`);
  await ensureDatabase(url);
  return url;
};

describe('partitioned detail tables', () => {
  const urls: string[] = [];
  const pools: Pool[] = [];
  let before0011: string;
  beforeAll(async () => {
    // The migrations as they were before 0011.
    before0011 = await mkdtemp(join(tmpdir(), 'callpulse-migrations-'));
    await cp(findMigrationsDir(), before0011, {
      recursive: true,
      filter: (src) => !src.endsWith('0011_partition_detail_tables.sql'),
    });
  });
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    for (const url of urls) await dropDatabase(url);
    if (before0011) await rm(before0011, { recursive: true, force: true });
  });

  it('0011 keeps every detail row of a database migrated before it, each in its day', async () => {
    const url = await database('partition_upgrade');
    urls.push(url);
    await migrate({ connectionString: url, dir: before0011 });
    const pool = createPool({ connectionString: url, max: 2 });
    pools.push(pool);
    // Two calls, 40 days apart, stored as the writer before 0011 stored them.
    const now = Math.floor(Date.now() / 1000);
    const batches = [callBatch(1, now - 40 * DAY_S, 'upgrade:a'), callBatch(1, now, 'upgrade:b')];
    for (const b of batches) {
      const transcript = b.events.filter((e) => e.event.type === 'transcript');
      await pool.query(
        `INSERT INTO calls (source, call_id, first_event_at, last_event_at, initiated_at)
         SELECT $1, '1', min(t), max(t), min(t) FROM unnest($2::timestamptz[]) t`,
        [b.source, b.events.map((e) => e.event.occurredAt)],
      );
      for (const { event, offset } of b.events) {
        await pool.query(
          `INSERT INTO call_events (event_id, source, call_id, event_type, provider_event_type,
             occurred_at, received_at, is_test, kafka_partition, kafka_offset, raw)
           VALUES ($1, $2, '1', $3, $3, $4, $4, false, 0, $5, '{}')`,
          [event.eventId, b.source, event.type, event.occurredAt, offset],
        );
      }
      for (const [i, { event, offset }] of transcript.entries()) {
        if (event.type !== 'transcript') continue;
        await pool.query(
          `INSERT INTO transcript_fragments (event_id, source, call_id, seq, speaker, text,
             occurred_at, is_test) VALUES ($1, $2, '1', $3, $4, $5, $6, false)`,
          [
            event.eventId,
            b.source,
            offset,
            event.transcript.speaker,
            event.transcript.text,
            event.occurredAt,
          ],
        );
        await pool.query(
          `INSERT INTO fragment_scores (event_id, source, call_id, speaker, score, comparative,
             label, words, analyzer_version, keyword_lists_version, is_test)
           VALUES ($1, $2, '1', $3, 1, $4, 'positive', '[]', 'test', '1', false)`,
          [event.eventId, b.source, event.transcript.speaker, 0.1 * (i + 1)],
        );
        await pool.query(
          `INSERT INTO keyword_hits (event_id, source, call_id, phase, list_name, term,
             match_mode, matched_text, speaker, start_offset, end_offset, is_test)
           VALUES ($1, $2, '1', 'live', 'churn', 'cancel', 'exact', 'cancel', $3, 0, 6, false)`,
          [event.eventId, b.source, event.transcript.speaker],
        );
      }
    }
    await pool.query(
      `SELECT call_figures_refresh(ARRAY['upgrade:a', 'upgrade:b'], ARRAY['1', '1'])`,
    );
    const rows = () =>
      pool.query<{ t: string; event_id: string; occurred_at: Date }>(
        `SELECT 'event' t, event_id, occurred_at FROM call_events
         UNION ALL SELECT 'fragment', event_id, occurred_at FROM transcript_fragments
         UNION ALL SELECT 'score', event_id, NULL FROM fragment_scores
         UNION ALL SELECT 'hit', event_id, NULL FROM keyword_hits ORDER BY 1, 2`,
      );
    const stored = (await rows()).rows;
    const sentiment = (await pool.query('SELECT * FROM call_sentiment ORDER BY source')).rows;
    const fragments = (await pool.query('SELECT * FROM fragment_sentiment ORDER BY source, seq'))
      .rows;
    expect(sentiment).toHaveLength(2);
    expect(fragments).toHaveLength(8);

    const result = await migrate({ connectionString: url });
    expect(result.applied).toEqual(['0011_partition_detail_tables.sql']);
    expect((await rows()).rows).toEqual(stored);
    expect((await pool.query('SELECT * FROM call_sentiment ORDER BY source')).rows).toEqual(
      sentiment,
    );
    expect(
      (await pool.query('SELECT * FROM fragment_sentiment ORDER BY source, seq')).rows,
    ).toEqual(fragments);
    // Each row in the partition of its event's day, none in DEFAULT; scores and hits took
    // their event's time.
    const { rows: placed } = await pool.query<{ misplaced: string; scores_off: string }>(
      `SELECT (SELECT count(*) FROM (
                SELECT tableoid, occurred_at FROM call_events
                UNION ALL SELECT tableoid, occurred_at FROM transcript_fragments
                UNION ALL SELECT tableoid, occurred_at FROM fragment_scores
                UNION ALL SELECT tableoid, occurred_at FROM keyword_hits) r
              WHERE right(r.tableoid::regclass::text, 8)
                <> to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYYMMDD')) AS misplaced,
              (SELECT count(*) FROM fragment_scores s JOIN call_events e USING (event_id)
               WHERE s.occurred_at <> e.occurred_at) AS scores_off`,
    );
    expect(placed[0]).toEqual({ misplaced: '0', scores_off: '0' });
    const everything = { since: new Date(0), until: new Date(Date.now() + 86_400_000) };
    expect(await checkCallFigures(pool, everything)).toEqual([]);

    // The writer goes on from there: a replay of a stored call's batch adds nothing.
    const [a] = batches;
    if (!a) throw new Error('no batch');
    await inTransaction(pool, (client) =>
      writeBatch(client, {
        events: a.events,
        analysis: a.events
          .filter((e) => e.event.type === 'transcript')
          .map((e) => fragmentScore(e.event, 0.5)),
        matches: [],
      }),
    );
    expect((await rows()).rows).toEqual(stored);
  });

  it('a day created after rows of it went to DEFAULT takes them over', async () => {
    const url = await database('partition_default');
    urls.push(url);
    await migrate({ connectionString: url });
    const pool = createPool({ connectionString: url, max: 2 });
    pools.push(pool);
    // A day far from the days made ahead: no partition yet, so the rows go to DEFAULT.
    const start = 1_900_000_000;
    const batch = callBatch(2, start, 'default:late');
    const store = () =>
      inTransaction(pool, (client) =>
        writeBatch(client, {
          events: batch.events,
          analysis: batch.events
            .filter((e) => e.event.type === 'transcript')
            .map((e, i) => fragmentScore(e.event, 0.1, i % 2 ? ['churn'] : [])),
          matches: [],
        }),
      );
    await store();
    const count = async (table: string) =>
      Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
    expect(await count('call_events_default')).toBe(batch.events.length);
    expect(await count('keyword_hits_default')).toBeGreaterThan(0);
    const figures = (await pool.query('SELECT * FROM call_sentiment_all ORDER BY call_id')).rows;

    const day = new Date(start * 1000).toISOString().slice(0, 10);
    expect(await createDetailPartitions(pool, [day])).toBe(4);
    for (const t of ['call_events', 'transcript_fragments', 'fragment_scores', 'keyword_hits'])
      expect(await count(`${t}_default`)).toBe(0);
    expect(await count(`call_events_${day.replaceAll('-', '')}`)).toBe(batch.events.length);
    // Idempotent, and a replay still conflicts with the rows moved.
    expect(await createDetailPartitions(pool, [day])).toBe(0);
    await store();
    expect(await count('call_events')).toBe(batch.events.length);
    expect((await pool.query('SELECT * FROM call_sentiment_all ORDER BY call_id')).rows).toEqual(
      figures,
    );
  });
  it("call_keyword_hits reads a call's hits of every day it ran (and only its own)", async () => {
    const url = await database('partition_hits');
    urls.push(url);
    await migrate({ connectionString: url });
    const pool = createPool({ connectionString: url, max: 2 });
    pools.push(pool);
    // Calls that start just before tomorrow's UTC midnight (a day made ahead), so their
    // fragments fall into two daily partitions.
    const midnight = Math.ceil(Date.now() / 1000 / DAY_S) * DAY_S + DAY_S;
    const batch = callBatch(3, midnight - 50, 'hits:midnight');
    await inTransaction(pool, (client) =>
      writeBatch(client, {
        events: batch.events,
        analysis: batch.events
          .filter((e) => e.event.type === 'transcript')
          .map((e) => fragmentScore(e.event, 0.1, ['churn'])),
        matches: [],
      }),
    );
    const direct = await pool.query<{ call_id: string; days: string }>(
      `SELECT call_id, count(DISTINCT tableoid) AS days FROM keyword_hits GROUP BY call_id
       ORDER BY call_id`,
    );
    expect(direct.rows.some((r) => Number(r.days) >= 2)).toBe(true);
    const columns = `source, call_id, phase, occurred_at, speaker, list_name, term, matched_text`;
    for (const { call_id: callId } of direct.rows) {
      const viaView = await pool.query(
        `SELECT ${columns} FROM call_keyword_hits WHERE source = $1 AND call_id = $2
         ORDER BY occurred_at, speaker`,
        ['hits:midnight', callId],
      );
      const fromTable = await pool.query(
        `SELECT ${columns} FROM keyword_hits WHERE source = $1 AND call_id = $2
         ORDER BY occurred_at, speaker`,
        ['hits:midnight', callId],
      );
      expect(fromTable.rows.length).toBeGreaterThan(0);
      expect(viaView.rows).toEqual(fromTable.rows);
    }
    // The README's churn query answers from it: every churn call, newest first.
    const { rows: churn } = await pool.query<{ call_id: string; term: string }>(
      `SELECT cs.call_id, hit.term FROM (
         SELECT source, call_id, started_at FROM call_sentiment
         WHERE keyword_lists_hit @> '{churn}' ORDER BY started_at DESC LIMIT 20) cs
       CROSS JOIN LATERAL (
         SELECT kh.term FROM call_keyword_hits kh
         WHERE kh.source = cs.source AND kh.call_id = cs.call_id AND kh.list_name = 'churn'
         ORDER BY kh.phase DESC LIMIT 1) hit
       ORDER BY cs.started_at DESC`,
    );
    expect(churn.map((r) => r.term)).toEqual(direct.rows.map(() => 'cancel'));
  });
});
