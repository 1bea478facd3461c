import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger, storedCount } from '../support/ledger.js';
import { printLogsOnFailure, startStack, type TestStack } from '../support/stack.js';
import { callsFor, FULL, report, scenarioSource, stream, totalEvents } from '../support/stream.js';
import { waitFor } from '../support/wait-for.js';

describe('fault 5: duplicate storm', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(['writer', 'ingest']);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers every copy with 200 and stores each event once', async () => {
    const source = scenarioSource('duplicates');
    const calls = callsFor(FULL ? 2_000 : 600, source, 13);
    const events = totalEvents(calls);
    // Each event three times in a row (a retrying provider) …
    const inRow = calls.map((c) => c.webhooks.flatMap((w) => [w, w, w]));
    // … and three copies of every call sent at once (parallel retries).
    const concurrent = calls.flatMap((c) => [c.webhooks, c.webhooks, c.webhooks]);
    const started = Date.now();
    const [a, b] = await Promise.all([
      stream(stack, inRow, { concurrency: 10 }),
      stream(stack, concurrent, { concurrency: 30 }),
    ]);
    expect(a.statuses).toEqual({ '200': events * 3 });
    expect(b.statuses).toEqual({ '200': events * 3 });
    await waitFor(async () => (await storedCount(stack.pool, source)) >= events, {
      what: 'every event stored',
    });
    await new Promise((r) => setTimeout(r, 1000)); // anything extra would show by now
    const result = await ledger(stack.pool, source, [a, b]);
    report('5 duplicate storm', {
      ...result,
      deliveries: a.sent + b.sent,
      seconds: ((Date.now() - started) / 1000).toFixed(1),
    });
    expect(result).toMatchObject({
      figureDifferences: 0,
      acknowledged: events,
      stored: events,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
    });
  });
});
