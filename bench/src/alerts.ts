import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPool, deleteDestination, deleteRule, putDestination, putRule } from '@callpulse/db';
import { toRuleRecord, validateRule } from '@callpulse/rules';
import { generateCalls, percentile, sendWebhooks } from '@callpulse/simulator';
import { freePort } from './infra.js';
import { peakRssMb, ready, startService, waitFor, type Proc } from './processes.js';

const TOKEN = 'bench-token';
const RULE = 'bench-provider-error';
const DESTINATION = 'bench-webhook';

export interface AlertFigures {
  offeredPerSec: number;
  achievedPerSec: number;
  calls: number;
  alertingCalls: number;
  alerts: number;
  /** The triggering webhook's HTTP 200 from ingest → the receiver has the alert. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  notifierPeakRssMb: number | null;
}

/**
 * Alert latency: calls at `rate` events/s, 1 % of them with a provider `error` event that a
 * rule sends to a signed webhook on 127.0.0.1; latency from ingest's 200 for that event
 * to the alert's arrival at the receiver (one clock: everything runs on this machine).
 */
export const benchAlerts = async ({
  brokers,
  databaseUrl,
  rate,
  seconds,
  log,
}: {
  brokers: string;
  databaseUrl: string;
  rate: number;
  seconds: number;
  log: (l: string) => void;
}): Promise<AlertFigures> => {
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        call: { callId: string };
      };
      if (!arrivals.has(body.call.callId)) arrivals.set(body.call.callId, at);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;

  const pool = createPool({ connectionString: databaseUrl, max: 2 });
  await putDestination(pool, {
    name: DESTINATION,
    type: 'webhook',
    url,
    secret: `whsec_${randomBytes(32).toString('base64')}`,
    enabled: true,
    ratePerSecond: null,
    burst: null,
  });
  const rule = validateRule(
    { name: RULE, severity: 'high', when: { event: 'error' }, notify: [DESTINATION] },
    { lists: [], destinations: [DESTINATION] },
  );
  if (!rule.ok) throw new Error(JSON.stringify(rule.errors));
  await putRule(pool, toRuleRecord(rule.value));

  const prefix = `bencha.${Date.now().toString(36)}.`;
  const ports = {
    ingest: await freePort(),
    analyzer: await freePort(),
    writer: await freePort(),
    notifier: await freePort(),
  };
  const common = { KAFKA_BROKERS: brokers, DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix };
  const procs: Record<keyof typeof ports, Proc> = {
    writer: startService('writer', { ...common, WRITER_HTTP_PORT: String(ports.writer) }),
    analyzer: startService('analyzer', { ...common, ANALYZER_HTTP_PORT: String(ports.analyzer) }),
    notifier: startService('notifier', {
      ...common,
      NOTIFIER_HTTP_PORT: String(ports.notifier),
      ALERTS_ALLOW_PRIVATE_URLS: 'true',
    }),
    ingest: startService('ingest', {
      ...common,
      INGEST_PORT: String(ports.ingest),
      INGEST_AUTH_HEADER: 'x-api-key',
      INGEST_AUTH_TOKENS: TOKEN,
    }),
  };
  try {
    await Promise.all(
      Object.entries(procs).map(([name, p]) =>
        ready(`http://127.0.0.1:${ports[name as keyof typeof ports]}/readyz`, p),
      ),
    );
    const source = `benchbox:ALERTS${Date.now().toString(36)}`;
    // Ten events a call (three lifecycle, six fragments, the end); one call in a hundred
    // also reports a provider error after it is answered.
    const calls = generateCalls(Math.ceil((rate * seconds) / 10), {
      seed: 7,
      source,
      fragments: [6, 6],
      startUnixSeconds: Math.floor(Date.now() / 1000),
    });
    const alerting = new Set<string>();
    const sequences = calls.map((call, i) => {
      if (i % 100 !== 50) return call.webhooks;
      alerting.add(call.callId);
      const answered = call.webhooks[2] as unknown as {
        timestamp_utc: number;
        payload: Record<string, unknown>;
      };
      const { call_id: id, ...rest } = answered.payload;
      const error = {
        event_type: 'error',
        timestamp_utc: answered.timestamp_utc + 1,
        payload: { call: { id, ...rest }, error_message: 'bench: carrier rejected the call' },
        is_test: false,
      };
      return [...call.webhooks.slice(0, 3), error, ...call.webhooks.slice(3)];
    });
    const sent = await sendWebhooks({
      url: `http://127.0.0.1:${ports.ingest}/webhooks`,
      sequences,
      ratePerSecond: rate,
      concurrency: 200,
      headers: { 'x-api-key': TOKEN },
    });
    const answeredAt = new Map<string, number>();
    for (const o of sent.outcomes)
      if (o.status === 200 && o.eventId) answeredAt.set(o.eventId, o.answeredAtEpochMs);
    await waitFor(() => arrivals.size >= alerting.size, {
      timeoutMs: 120_000,
      what: `${alerting.size} alerts at the receiver`,
    });
    const errors = await waitFor(
      async () => {
        const { rows } = await pool.query<{ event_id: string; call_id: string }>(
          `SELECT event_id, call_id FROM call_events WHERE source = $1 AND event_type = 'error'`,
          [source],
        );
        return rows.length >= alerting.size ? rows : null;
      },
      { timeoutMs: 60_000, what: 'the error events stored' },
    );
    const latencies = errors.flatMap((e) => {
      const ok = answeredAt.get(e.event_id);
      const arrived = arrivals.get(e.call_id);
      return ok === undefined || arrived === undefined ? [] : [Math.max(0, arrived - ok)];
    });
    const figures: AlertFigures = {
      offeredPerSec: rate,
      achievedPerSec: Math.round(sent.sent / (sent.elapsedMs / 1000)),
      calls: calls.length,
      alertingCalls: alerting.size,
      alerts: latencies.length,
      p50Ms: Math.round(percentile(latencies, 50)),
      p90Ms: Math.round(percentile(latencies, 90)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(Math.max(...latencies)),
      notifierPeakRssMb: peakRssMb(procs.notifier.child.pid),
    };
    log(
      `alerts at ${rate} events/s (${figures.achievedPerSec}/s achieved), ${figures.alerts} alerts: p50 ${figures.p50Ms} ms, p90 ${figures.p90Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms; slowest ${[
        ...latencies,
      ]
        .sort((a, b) => b - a)
        .slice(0, 5)
        .map(Math.round)
        .join(', ')} ms`,
    );
    return figures;
  } finally {
    await Promise.all(Object.values(procs).map((p) => p.stop()));
    await deleteRule(pool, RULE);
    await pool.query('DELETE FROM alert_deliveries WHERE destination = $1', [DESTINATION]);
    await deleteDestination(pool, DESTINATION);
    await pool.end();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
};
