import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisCounts, ledger, storedCount } from '../support/ledger.js';
import { printLogsOnFailure, startStack, type TestStack } from '../support/stack.js';
import {
  callsFor,
  fragmentsIn,
  FULL,
  report,
  scenarioSource,
  stream,
  totalEvents,
} from '../support/stream.js';
import { waitFor } from '../support/wait-for.js';

describe('fault 2: analyzer SIGKILLed mid-stream', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(['writer', 'analyzer', 'ingest']);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('gives exactly one score per fragment and one summary per call', async () => {
    const source = scenarioSource('analyzer-kill');
    const calls = callsFor(FULL ? 10_000 : 3_000, source, 12);
    const total = totalEvents(calls);
    const fragments = fragmentsIn(calls);
    const sending = stream(stack, calls, { concurrency: 20, ratePerSecond: 1_500 });
    await waitFor(
      async () => (await analysisCounts(stack.pool, source)).scores >= fragments * 0.4,
      {
        timeoutMs: 90_000,
        intervalMs: 20,
        what: '40% of the fragments scored',
      },
    );
    const analyzer = stack.services.get('analyzer');
    analyzer?.child.kill('SIGKILL');
    expect((await analyzer?.exited)?.signal).toBe('SIGKILL');
    const atKill = (await analysisCounts(stack.pool, source)).scores;
    const t = Date.now();
    await stack.start('analyzer');
    const recoverS = ((Date.now() - t) / 1000).toFixed(1);
    const sent = await sending;
    const counts = await waitFor(
      async () => {
        const c = await analysisCounts(stack.pool, source);
        return c.scores >= fragments && c.summaries >= calls.length ? c : null;
      },
      { timeoutMs: 90_000, what: 'every fragment scored' },
    );
    await waitFor(async () => (await storedCount(stack.pool, source)) >= total, {
      what: 'every event stored',
    });
    const result = await ledger(stack.pool, source, [sent]);
    report('2 analyzer SIGKILL', {
      ...result,
      scoredAtKill: atKill,
      fragments,
      scores: counts.scores,
      summaries: counts.summaries,
      recoverS,
    });
    expect(atKill).toBeLessThan(fragments);
    expect(counts).toEqual({ fragments, scores: fragments, summaries: calls.length });
    expect(result).toMatchObject({
      acknowledged: total,
      stored: total,
      duplicates: 0,
      lost: 0,
      figureDifferences: 0,
    });
  });
});
