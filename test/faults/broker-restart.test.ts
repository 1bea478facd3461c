import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, stopBroker } from '@callpulse/broker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisCounts, ledger, storedCount } from '../support/ledger.js';
import { freePort } from '../support/ports.js';
import { printLogsOnFailure, startStack, type TestStack } from '../support/stack.js';
import { callsFor, FULL, report, scenarioSource, stream, totalEvents } from '../support/stream.js';
import { waitFor } from '../support/wait-for.js';

const PUBLISH_TIMEOUT_MS = 3_000;

// kafkajs gives up on a consumer after about 30 s of failed retries: outages longer than
// that are the ones a consumer must survive by being rebuilt, so even `npm test` has one.
const scenarios = FULL
  ? [
      { spool: false, outageMs: 60_000 },
      { spool: false, outageMs: 300_000 },
      { spool: true, outageMs: 60_000 },
    ]
  : [
      { spool: false, outageMs: 40_000 },
      { spool: true, outageMs: 8_000 },
    ];

describe.each(
  scenarios.map((s) => ({
    ...s,
    title: `fault 3: the broker stopped for ${s.outageMs / 1000} s under load${s.spool ? ', with INGEST_SPOOL_DIR' : ''}`,
  })),
)('$title', ({ spool, outageMs }) => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  const dataDir = mkdtempSync(join(tmpdir(), 'callpulse-fault-broker-'));
  const spoolDir = join(dataDir, 'spool');
  let port = 0;
  let controllerPort = 0;
  const start = async () =>
    startBroker({
      port,
      controllerPort,
      dataDir,
      cacheDir: process.env.CALLPULSE_CACHE_DIR ?? join(homedir(), '.cache', 'callpulse'),
    });

  beforeAll(async () => {
    port = await freePort();
    controllerPort = await freePort();
    const broker = await start();
    stack = await startStack(['writer', 'analyzer', 'ingest'], {
      brokers: broker.brokers,
      env: {
        ingest: {
          INGEST_PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
          ...(spool ? { INGEST_SPOOL_DIR: spoolDir } : {}),
        },
      },
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await stopBroker({ dataDir });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'never answers 200 for what Kafka lacks (or the spool holds), never hangs, and recovers by itself',
    { timeout: outageMs + 300_000 },
    async () => {
      const source = scenarioSource('broker');
      const calls = callsFor(FULL ? 10_000 : 3_000, source, 17);
      // The stream outlasts the outage: traffic before, during and after it.
      const rate = Math.round(totalEvents(calls) / ((outageMs + 10_000) / 1000));
      const sending = stream(stack, calls, { concurrency: 10, ratePerSecond: rate });
      await waitFor(async () => (await storedCount(stack.pool, source)) > 200, {
        what: 'the stream under way',
      });
      await stopBroker({ dataDir });
      const stoppedAt = Date.now();
      await new Promise((r) => setTimeout(r, outageMs));
      await start();
      const restartedAt = Date.now();
      // ingest comes back by itself: the first 200 after the restart.
      const probe = await waitFor(
        async () => {
          const res = await fetch(`${stack.urls.ingest}/readyz`);
          return res.ok ? Date.now() : null;
        },
        { timeoutMs: 120_000, what: 'ingest ready again' },
      );
      const sent = await sending;
      const acked = sent.statuses['200'] ?? 0;
      await waitFor(async () => (await storedCount(stack.pool, source)) >= acked, {
        timeoutMs: 120_000,
        what: 'every 200 stored',
      });
      // The consumers rejoined by themselves: no restart, every fragment scored once.
      for (const name of ['writer', 'analyzer'] as const) {
        expect(stack.services.get(name)?.child.exitCode).toBeNull();
      }
      const analysis = await waitFor(
        async () => {
          const c = await analysisCounts(stack.pool, source);
          return c.fragments > 0 && c.scores === c.fragments ? c : null;
        },
        { timeoutMs: 120_000, what: 'every stored fragment scored' },
      );
      const result = await ledger(stack.pool, source, [sent]);
      const refusals = sent.outcomes.filter((o) => o.status !== 200);
      const slowest = Math.max(0, ...sent.latenciesMs);
      report(spool ? '3 broker restart, spool on' : '3 broker restart', {
        ...result,
        refused503: sent.statuses['503'] ?? 0,
        noAnswer: sent.statuses.error ?? 0,
        slowestAnswerMs: Math.round(slowest),
        outageS: outageMs / 1000,
        fragmentsScored: analysis.scores,
        // How often kafkajs gave a consumer up for good and the worker built a new one.
        consumersRebuilt:
          ['writer', 'analyzer']
            .map((n) => stack.services.get(n as 'writer')?.output() ?? '')
            .join('')
            .split('consumer gave up; building a new one').length - 1,
        readyAfterRestartS: ((probe - restartedAt) / 1000).toFixed(1),
        stoppedForS: ((restartedAt - stoppedAt) / 1000).toFixed(1),
      });
      if (spool) {
        // Every delivery acknowledged: what Kafka could not take went to the fsynced spool.
        expect(refusals).toEqual([]);
        expect(stack.services.get('ingest')?.output()).toMatch(/spooled events forwarded to Kafka/);
      } else {
        expect(refusals.length).toBeGreaterThan(0); // the outage was felt …
        expect(refusals.every((o) => o.status === 503)).toBe(true); // … as 503s, never a hang
      }
      // Never a hang: an answer within the publish timeout, plus room for a busy machine.
      expect(slowest).toBeLessThan(PUBLISH_TIMEOUT_MS + 10_000);
      // Every 200 is in Postgres. A 503'd delivery may be in Kafka too (it is the provider's
      // to retry, and the same event id would be stored once), so "unexpected" may be > 0.
      expect(result).toMatchObject({
        duplicates: 0,
        lost: 0,
        orderViolations: 0,
        figureDifferences: 0,
      });
    },
  );
});
