import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  checkCallFigures,
  createPool,
  dropDatabase,
  ensureDatabase,
  inTransaction,
  migrate,
  withDatabase,
  writeBatch,
  type Pool,
  type WriterBatch,
} from '@callpulse/db';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { callBatch, fragmentScore } from './support/call-batches.js';

// `callpulse retention --older-than 90d` while writers keep storing new calls: the detail of
// old calls goes, their call_sentiment rows stay as they were, nothing of the kept calls is
// lost, and the consistency check finds nothing. In a database of its own: the horizon is
// database-wide.

const root = fileURLToPath(new URL('../', import.meta.url));
const DAY_S = 86_400;

const retention = (databaseUrl: string, args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['packages/cli/bin/callpulse.js', 'retention', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

const EMPTY: WriterBatch = { events: [], analysis: [], matches: [] };

describe('retention', () => {
  let pool: Pool;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = withDatabase(
      inject('databaseUrl'),
      `callpulse_retention_${Date.now().toString(36)}`,
    );
    await ensureDatabase(databaseUrl);
    await migrate({ connectionString: databaseUrl });
    pool = createPool({ connectionString: databaseUrl, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  const store = (batch: ReturnType<typeof callBatch>) =>
    inTransaction(pool, (client) =>
      writeBatch(client, {
        ...EMPTY,
        events: batch.events,
        analysis: batch.events
          .filter((e) => e.event.type === 'transcript')
          .map((f, i) => fragmentScore(f.event, i % 2 ? -0.3 : 0.1, i % 3 ? [] : ['churn'])),
      }),
    );

  const detail = async (source: string) =>
    (
      await pool.query<{ events: string; fragments: string; scores: string; hits: string }>(
        `SELECT (SELECT count(*) FROM call_events WHERE source = $1) AS events,
                (SELECT count(*) FROM transcript_fragments WHERE source = $1) AS fragments,
                (SELECT count(*) FROM fragment_scores WHERE source = $1) AS scores,
                (SELECT count(*) FROM keyword_hits WHERE source = $1) AS hits`,
        [source],
      )
    ).rows[0];

  const sentiment = async (source: string) =>
    (await pool.query('SELECT * FROM call_sentiment WHERE source = $1 ORDER BY call_id', [source]))
      .rows as Record<string, unknown>[];

  it('deletes old detail under load, keeps old figures and every kept row', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = callBatch(20, now - 120 * DAY_S, 'retention:old');
    const recent = callBatch(20, now - 2 * DAY_S, 'retention:recent');
    await store(old);
    await store(recent);
    const oldFigures = await sentiment(old.source);
    expect(oldFigures).toHaveLength(20);
    expect(oldFigures.every((r) => Number(r.fragments) === 4)).toBe(true);
    const recentDetail = await detail(recent.source);
    expect(Number(recentDetail?.events)).toBe(recent.events.length);

    // Writers keep storing new calls, batch after batch, while the sweep runs.
    let writing = true;
    let written = 0;
    const load = (async () => {
      while (writing) {
        await store(callBatch(5, now - 3600 + written * 60, `retention:load${written}`));
        written++;
      }
    })();
    const r = await retention(databaseUrl, ['--older-than', '90d', '--step', '1h']);
    // At least one batch after the sweep ended, too.
    const target = written + 1;
    while (written < target) await new Promise((resolve) => setTimeout(resolve, 10));
    writing = false;
    await load;
    expect(r.stderr).not.toMatch(/callpulse:/); // progress lines only
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^detail of calls that started before .* deleted: \d+ rows/);

    expect(await detail(old.source)).toEqual({
      events: '0',
      fragments: '0',
      scores: '0',
      hits: '0',
    });
    expect(await sentiment(old.source)).toEqual(oldFigures);
    expect(await detail(recent.source)).toEqual(recentDetail);
    for (let i = 0; i < written; i++) {
      expect(Number((await detail(`retention:load${i}`))?.events)).toBe(
        callBatch(5, 0, 'x').events.length,
      );
    }

    // A late (repeated) delivery for an old call is stored, and the call's figures stay as
    // they were: not recomputed from the one event now left of its detail.
    const late = old.events.filter(
      (e) => e.event.type === 'call_ended' && e.event.call?.callId === '1',
    );
    expect(late).toHaveLength(1);
    await inTransaction(pool, (client) => writeBatch(client, { ...EMPTY, events: late }));
    expect(await sentiment(old.source)).toEqual(oldFigures);

    const everything = { since: new Date(0), until: new Date(Date.now() + 86_400_000) };
    expect(await checkCallFigures(pool, everything)).toEqual([]);
  });
});
