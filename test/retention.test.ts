import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  checkCallFigures,
  dropDatabase,
  ensureDatabase,
  migrate,
  withDatabase,
} from '@callpulse/db';
import { generateCalls, type ProviderWebhookBody } from '@callpulse/simulator';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { postWebhook, printLogsOnFailure, startStack, type TestStack } from './support/stack.js';
import { waitFor } from './support/wait-for.js';

// `callpulse retention --older-than 90d` while the stack (ingest, analyzer, writer) keeps
// storing new calls: the daily partitions of old detail are dropped whole, old calls keep
// their call_sentiment rows as they were, nothing in the partitions kept is lost, and the
// consistency check finds nothing. In a database of its own: the horizon is database-wide.

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

const FRAGMENTS = 4;
const WEBHOOKS = 3 + FRAGMENTS + 1; // lifecycle, fragments, call_ended

describe('retention by dropping partitions', () => {
  let stack: TestStack;
  let databaseUrl: string;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    databaseUrl = withDatabase(
      inject('databaseUrl'),
      `callpulse_retention_${Date.now().toString(36)}`,
    );
    await ensureDatabase(databaseUrl);
    await migrate({ connectionString: databaseUrl });
    stack = await startStack(['writer', 'analyzer', 'ingest'], { databaseUrl });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  const calls = (count: number, source: string, startUnixSeconds: number, callIdPrefix = '') =>
    generateCalls(count, {
      seed: 11,
      source,
      startUnixSeconds,
      fragments: [FRAGMENTS, FRAGMENTS],
      callIdPrefix,
    });

  const post = async (webhooks: ProviderWebhookBody[]) => {
    for (const body of webhooks) expect((await postWebhook(stack, body)).status).toBe(200);
  };

  /** Every call of the sources stored: its events, fragments, scores and summary. */
  const stored = async (sources: string[], expectedCalls: number) => {
    const { rows } = await stack.pool.query<{ events: string; scores: string; summaries: string }>(
      `SELECT (SELECT count(*) FROM call_events WHERE source = ANY($1)) AS events,
              (SELECT count(*) FROM fragment_scores WHERE source = ANY($1)) AS scores,
              (SELECT count(*) FROM call_summaries WHERE source = ANY($1)) AS summaries`,
      [sources],
    );
    const r = rows[0];
    return (
      Number(r?.events) === expectedCalls * WEBHOOKS &&
      Number(r?.scores) === expectedCalls * FRAGMENTS &&
      Number(r?.summaries) === expectedCalls
    );
  };

  /** Every detail row of the sources, with its time. */
  const detailRows = async (sources: string[]) =>
    (
      await stack.pool.query<{ row: string; occurred_at: Date }>(
        `SELECT 'event ' || event_id AS row, occurred_at FROM call_events WHERE source = ANY($1)
         UNION ALL
         SELECT 'fragment ' || event_id, occurred_at FROM transcript_fragments WHERE source = ANY($1)
         UNION ALL
         SELECT 'score ' || event_id, occurred_at FROM fragment_scores WHERE source = ANY($1)
         UNION ALL
         SELECT concat_ws(' ', 'hit', event_id, list_name, term, start_offset, utterance_index),
           occurred_at FROM keyword_hits WHERE source = ANY($1)
         ORDER BY 1`,
        [sources],
      )
    ).rows;

  const sentiment = async (sources: string[]) =>
    (
      await stack.pool.query(
        'SELECT * FROM call_sentiment WHERE source = ANY($1) ORDER BY source, call_id',
        [sources],
      )
    ).rows as Record<string, unknown>[];

  it('drops old partitions under load, keeps old figures and every row of the days kept', async () => {
    const now = Math.floor(Date.now() / 1000);
    // The UTC midnight 90 days ago: the horizon the command will use.
    const midnight = Math.floor((now - 90 * DAY_S) / DAY_S) * DAY_S;
    const old = calls(10, 'retention:old', now - 120 * DAY_S);
    // Calls that start just before that midnight and end after it: their later events sit
    // in a day that is kept.
    const straddling = calls(3, 'retention:straddling', midnight - 40);
    const recent = calls(10, 'retention:recent', now - 2 * DAY_S);
    const before = ['retention:old', 'retention:straddling', 'retention:recent'];
    for (const c of [...old, ...straddling, ...recent]) await post(c.webhooks);
    await waitFor(() => stored(before, 23), {
      what: 'the old, straddling and recent calls to be stored',
      timeoutMs: 60_000,
    });
    // The writer made partitions for those days, so nothing went to the DEFAULT partition.
    const { rows: defaults } = await stack.pool.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM call_events_default) + (SELECT count(*) FROM transcript_fragments_default)
         + (SELECT count(*) FROM fragment_scores_default) + (SELECT count(*) FROM keyword_hits_default) AS n`,
    );
    expect(defaults[0]?.n).toBe('0');
    const figuresBefore = await sentiment(before);
    expect(figuresBefore).toHaveLength(23);
    expect(figuresBefore.every((r) => Number(r.fragments) === FRAGMENTS)).toBe(true);
    const rowsBefore = await detailRows(before);
    const straddlingTimes = (await detailRows(['retention:straddling'])).map((r) =>
      r.occurred_at.getTime(),
    );
    // The straddling calls do have detail on both sides of the midnight.
    expect(straddlingTimes.some((t) => t < midnight * 1000)).toBe(true);
    expect(straddlingTimes.some((t) => t >= midnight * 1000)).toBe(true);

    // Calls keep flowing through ingest, analyzer and writer while the partitions go.
    let posting = true;
    let posted = 0;
    const load = (async () => {
      while (posting) {
        const [call] = calls(1, 'retention:load', Math.floor(Date.now() / 1000), `l${posted}-`);
        if (call) await post(call.webhooks);
        posted++;
      }
    })();
    await waitFor(() => Promise.resolve(posted >= 2), { what: 'the load to start' });
    const r = await retention(databaseUrl, ['--older-than', '90d']);
    // At least two more calls after the command ended, too.
    const target = posted + 2;
    await waitFor(() => Promise.resolve(posted >= target), {
      what: 'calls after the retention run',
    });
    posting = false;
    await load;
    expect(r.stderr).not.toMatch(/callpulse:/); // progress lines only
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^detail before .* dropped: \d+ partition\(s\)/);

    const { rows: h } = await stack.pool.query<{ dropped_before: Date }>(
      'SELECT dropped_before FROM retention_horizon',
    );
    const horizon = h[0]?.dropped_before.getTime() ?? 0;
    // A UTC midnight: the one 90 days ago (the next one if the day turned meanwhile).
    expect(horizon % (DAY_S * 1000)).toBe(0);
    expect(horizon - midnight * 1000).toBeGreaterThanOrEqual(0);
    expect(horizon - midnight * 1000).toBeLessThanOrEqual(DAY_S * 1000);
    // No partition of any detail table is left below the horizon.
    const { rows: left } = await stack.pool.query(
      `SELECT partition FROM detail_partitions WHERE day < $1::timestamptz::date`,
      [new Date(horizon)],
    );
    expect(left).toEqual([]);

    // Below the horizon everything is gone; from it on, nothing is lost.
    const rowsAfter = await detailRows(before);
    expect(rowsAfter).toEqual(rowsBefore.filter((row) => row.occurred_at.getTime() >= horizon));
    expect(rowsAfter.some((row) => row.row.startsWith('event '))).toBe(true);
    expect((await detailRows(['retention:old'])).length).toBe(0);
    // call_sentiment still answers for the old and straddling calls, with their figures.
    expect(await sentiment(before)).toEqual(figuresBefore);

    // Every call of the load is stored whole, whichever side of the drops it was written on.
    await waitFor(() => stored(['retention:load'], posted), {
      what: 'the calls of the load to be stored',
      timeoutMs: 60_000,
    });
    const { rows: load_ } = await stack.pool.query<{ fragments: string; n: string }>(
      `SELECT fragments, count(*) AS n FROM call_sentiment WHERE source = 'retention:load'
       GROUP BY fragments`,
    );
    expect(load_).toEqual([{ fragments: String(FRAGMENTS), n: String(posted) }]);

    // A late repeat of an old call's last webhook (the provider retrying) is stored in the
    // DEFAULT partition, its day being gone, and the call's figures stay as they were.
    const late = old[0]?.webhooks.at(-1);
    expect(late?.event_type).toBe('call_ended');
    await post([late as ProviderWebhookBody]);
    await waitFor(
      async () => (await stack.pool.query('SELECT 1 FROM call_events_default')).rows.length === 1,
      { what: 'the late event to be stored' },
    );
    expect(await sentiment(before)).toEqual(figuresBefore);

    const everything = { since: new Date(0), until: new Date(Date.now() + 86_400_000) };
    expect(await checkCallFigures(stack.pool, everything)).toEqual([]);

    // RETENTION_DAYS: a writer started with it removes the late rows below the horizon.
    await stack.services.get('writer')?.stop();
    stack.env.writer.RETENTION_DAYS = '90';
    await stack.start('writer');
    await waitFor(
      async () => (await stack.pool.query('SELECT 1 FROM call_events_default')).rows.length === 0,
      { what: 'the writer to drop the late rows' },
    );
    expect(await sentiment(before)).toEqual(figuresBefore);
    expect(await checkCallFigures(stack.pool, everything)).toEqual([]);
  }, 240_000);
});
