import { createPool } from '@callpulse/db';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ledger, storedCount } from '../support/ledger.js';
import { printLogsOnFailure, startStack, type TestStack } from '../support/stack.js';
import { callsFor, FULL, report, scenarioSource, stream, totalEvents } from '../support/stream.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

describe('fault 4: Postgres connections killed, then the server unreachable', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  const outageMs = FULL ? 30_000 : 8_000;
  beforeAll(async () => {
    const url = new URL(inject('databaseUrl'));
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    stack = await startStack(['writer', 'ingest'], {
      env: { writer: { DATABASE_URL: viaProxy.toString() } },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await proxy?.close();
  });

  it('pauses, retries and drains: nothing lost, nothing doubled, no crash', async () => {
    const source = scenarioSource('postgres');
    const calls = callsFor(FULL ? 10_000 : 3_000, source, 16);
    const total = totalEvents(calls);
    const rate = Math.round(total / ((outageMs + 8_000) / 1000));
    const sending = stream(stack, calls, { concurrency: 20, ratePerSecond: rate });
    await waitFor(async () => (await storedCount(stack.pool, source)) >= total * 0.15, {
      intervalMs: 20,
      what: '15% stored',
    });

    // 1. The server ends the writer's sessions.
    const admin = createPool({ connectionString: inject('databaseUrl'), max: 1 });
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'callpulse-writer' AND datname = current_database()`,
    );
    // 2. Then the network to it goes away for a while.
    await new Promise((r) => setTimeout(r, 500));
    proxy.cut();
    // A COMMIT already on the server when the wire was cut still completes: count only
    // once every writer session has ended, when nothing more can arrive through the proxy.
    await waitFor(
      async () =>
        (
          await admin.query(
            `SELECT 1 FROM pg_stat_activity WHERE application_name = 'callpulse-writer' AND datname = current_database()`,
          )
        ).rowCount === 0,
      { timeoutMs: 60_000, what: "the writer's sessions to end after the cut" },
    );
    await admin.end();
    const atCut = await storedCount(stack.pool, source);
    await new Promise((r) => setTimeout(r, outageMs));
    const duringOutage = await storedCount(stack.pool, source);
    proxy.restore();
    const restored = Date.now();
    const sent = await sending;
    await waitFor(
      async () => (await storedCount(stack.pool, source)) >= (sent.statuses['200'] ?? 0),
      {
        timeoutMs: 90_000,
        what: 'the writer to drain after the outage',
      },
    ).catch((error: Error) => {
      console.error(
        `--- writer output ---\n${stack.services.get('writer')?.output().slice(-8000) ?? ''}`,
      );
      throw error;
    });
    const recoverS = ((Date.now() - restored) / 1000).toFixed(1);
    const writer = stack.services.get('writer');
    const result = await ledger(stack.pool, source, [sent]);
    report('4 postgres outage', {
      ...result,
      terminated: killed.rowCount,
      outageS: outageMs / 1000,
      storedDuringOutage: duringOutage - atCut,
      recoverS,
    });
    expect(writer?.child.exitCode).toBeNull(); // never crashed
    expect(killed.rowCount).toBeGreaterThan(0);
    expect(duringOutage - atCut).toBe(0);
    expect(result).toMatchObject({
      figureDifferences: 0,
      acknowledged: total,
      stored: total,
      duplicates: 0,
      lost: 0,
      unexpected: 0,
      orderViolations: 0,
    });
    expect(writer?.output()).toMatch(/Postgres unavailable; retrying the batch/);
  });
});
