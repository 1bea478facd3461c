import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger, storedCount } from '../support/ledger.js';
import type { ServiceName } from '../support/services.js';
import { printLogsOnFailure, startStack, type TestStack } from '../support/stack.js';
import { callsFor, FULL, report, scenarioSource, stream, totalEvents } from '../support/stream.js';
import { waitFor } from '../support/wait-for.js';

describe('fault 7: SIGTERM to each service under load', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(['writer', 'analyzer', 'ingest', 'api']);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it.each<ServiceName>(['writer', 'analyzer', 'api', 'ingest'])(
    '%s exits 0 within 10 s and no acknowledged event is lost',
    async (name) => {
      const source = scenarioSource(`sigterm-${name}`);
      const calls = callsFor(FULL ? 6_000 : 2_000, source, 14);
      const total = totalEvents(calls);
      const sending = stream(stack, calls, { concurrency: 20, ratePerSecond: 1_500 });
      await waitFor(
        async () => (await storedCount(stack.pool, source)) >= total * 0.2 || name === 'writer',
        {
          what: 'the stream under way',
        },
      );
      if (name === 'writer') await new Promise((r) => setTimeout(r, 500));
      const service = stack.services.get(name);
      const t = Date.now();
      const exit = await service?.stop('SIGTERM');
      const exitMs = Date.now() - t;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(exitMs).toBeLessThan(10_000);
      await stack.start(name);
      const sent = await sending;
      const acked = sent.statuses['200'] ?? 0;
      await waitFor(async () => (await storedCount(stack.pool, source)) >= acked, {
        timeoutMs: 60_000,
        what: 'every acknowledged event stored',
      });
      const result = await ledger(stack.pool, source, [sent]);
      report(`7 SIGTERM ${name}`, { ...result, exitMs, refused: sent.sent - acked });
      expect(result).toMatchObject({
        duplicates: 0,
        lost: 0,
        unexpected: 0,
        figureDifferences: 0,
      });
      // Only ingest's own restart may refuse deliveries (connection refused while down).
      if (name !== 'ingest') expect(result.acknowledged).toBe(total);
    },
    120_000,
  );
});
