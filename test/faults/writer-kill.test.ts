import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger, storedCount } from '../support/ledger.js';
import { printLogsOnFailure, startStack, type TestStack } from '../support/stack.js';
import { callsFor, FULL, report, scenarioSource, stream, totalEvents } from '../support/stream.js';
import { waitFor } from '../support/wait-for.js';

describe('fault 1: writer SIGKILLed at about 30% and 70% of the stream', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    // A dead member's partitions move after the session timeout: keep it short (broker minimum 6 s).
    stack = await startStack(['writer', 'ingest'], {
      env: { writer: { KAFKA_SESSION_TIMEOUT_MS: '6000' } },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores every acknowledged event exactly once after each restart', async () => {
    const source = scenarioSource('writer-kill');
    const calls = callsFor(FULL ? 10_000 : 4_000, source, 11);
    const total = totalEvents(calls);
    // Paced so the stream outlasts both kills and restarts: each kill lands mid-stream.
    const sending = stream(stack, calls, {
      concurrency: 20,
      ratePerSecond: Math.round(total / (FULL ? 40 : 25)),
    });
    const kills: number[] = [];
    const started = Date.now();
    let recoverMs = 0;
    for (const fraction of [0.3, 0.7]) {
      await waitFor(async () => (await storedCount(stack.pool, source)) >= total * fraction, {
        timeoutMs: 90_000,
        intervalMs: 20,
        what: `${fraction * 100}% of the events stored`,
      });
      const writer = stack.services.get('writer');
      writer?.child.kill('SIGKILL');
      expect((await writer?.exited)?.signal).toBe('SIGKILL');
      kills.push(await storedCount(stack.pool, source));
      const t = Date.now();
      await stack.start('writer');
      recoverMs = Math.max(recoverMs, Date.now() - t);
    }
    const sent = await sending;
    await waitFor(
      async () => (await storedCount(stack.pool, source)) >= (sent.statuses['200'] ?? 0),
      {
        timeoutMs: 90_000,
        what: 'every acknowledged event stored',
      },
    );
    const result = await ledger(stack.pool, source, [sent]);
    report('1 writer SIGKILL x2', {
      ...result,
      killedAt: kills.join('/'),
      recoverS: (recoverMs / 1000).toFixed(1),
      totalS: ((Date.now() - started) / 1000).toFixed(1),
    });
    expect(kills.every((k) => k < total)).toBe(true);
    expect(result.acknowledged).toBe(total);
    expect(result).toMatchObject({
      figureDifferences: 0,
      stored: total,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
      orderViolations: 0,
    });
  });
});
