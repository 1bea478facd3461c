import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisCounts, ledger, storedCount } from '../support/ledger.js';
import { freePort } from '../support/ports.js';
import { startService, waitUntilReady } from '../support/services.js';
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

describe('fault 6: a second writer and analyzer join and leave mid-stream', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(['writer', 'analyzer', 'ingest']);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('loses nothing, doubles nothing and keeps each call in order', async () => {
    const source = scenarioSource('rebalance');
    const calls = callsFor(FULL ? 10_000 : 4_000, source, 18);
    const total = totalEvents(calls);
    const fragments = fragmentsIn(calls);
    const sending = stream(stack, calls, { concurrency: 20, ratePerSecond: 800 });
    await waitFor(async () => (await storedCount(stack.pool, source)) >= total * 0.2, {
      intervalMs: 50,
      what: '20% stored',
    });
    const ports = { writer: await freePort(), analyzer: await freePort() };
    const writer2 = startService('writer', {
      ...stack.env.writer,
      WRITER_HTTP_PORT: String(ports.writer),
    });
    const analyzer2 = startService('analyzer', {
      ...stack.env.analyzer,
      ANALYZER_HTTP_PORT: String(ports.analyzer),
    });
    await Promise.all([
      waitUntilReady(writer2, `http://127.0.0.1:${ports.writer}/readyz`, 60_000),
      waitUntilReady(analyzer2, `http://127.0.0.1:${ports.analyzer}/readyz`, 60_000),
    ]);
    const joinedAt = await storedCount(stack.pool, source);
    await waitFor(
      async () =>
        (await storedCount(stack.pool, source)) >= Math.min(total, joinedAt + total * 0.2),
      {
        timeoutMs: 60_000,
        what: 'more stored with two of each',
      },
    );
    const [w, a] = await Promise.all([writer2.stop(), analyzer2.stop()]);
    const leftAt = await storedCount(stack.pool, source);
    const sent = await sending;
    await waitFor(async () => (await storedCount(stack.pool, source)) >= total, {
      timeoutMs: 90_000,
      what: 'every event stored',
    });
    await waitFor(async () => (await analysisCounts(stack.pool, source)).scores >= fragments, {
      timeoutMs: 60_000,
      what: 'every fragment scored',
    });
    const { scores } = await analysisCounts(stack.pool, source);
    const result = await ledger(stack.pool, source, [sent]);
    report('6 rebalance', { ...result, joinedAt, leftAt, fragments, scores });
    expect(w).toEqual({ code: 0, signal: null });
    expect(a).toEqual({ code: 0, signal: null });
    expect(scores).toBe(fragments);
    expect(result).toMatchObject({
      figureDifferences: 0,
      acknowledged: total,
      stored: total,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
      orderViolations: 0,
    });
  });
});
