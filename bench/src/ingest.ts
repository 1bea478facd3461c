import { generateCalls, percentile, sendWebhooks } from '@callpulse/simulator';
import { freePort } from './infra.js';
import { ready, root, spawnNode, startService, type Proc } from './processes.js';

export const TOKEN = 'bench-token';

/** A realistic mix: whole calls (lifecycle, fragments, final transcript) and some errors. */
export const workload = (count: number, source: string): unknown[][] => {
  const calls = generateCalls(Math.ceil(count / 10), { seed: 3, source, fragments: [4, 8] });
  return calls.map((c, i) => {
    const seq: unknown[] = [...c.webhooks];
    if (i % 20 === 0) {
      seq.push({
        event_type: 'error',
        timestamp_utc: 1_760_000_000 + i,
        payload: {
          call: { id: c.callId, from: '+1', to: '+2', source, direction: 'inbound' },
          error_message: 'Media timeout',
        },
        is_test: false,
      });
    }
    return seq;
  });
};

export const drive = async (url: string, sequences: unknown[][], connections: number) => {
  const r = await sendWebhooks({
    url,
    sequences,
    concurrency: connections,
    headers: { 'x-api-key': TOKEN },
  });
  const ok = r.statuses['200'] ?? 0;
  return {
    perSec: r.sent / (r.elapsedMs / 1000),
    p50: percentile(r.latenciesMs, 50),
    p99: percentile(r.latenciesMs, 99),
    ok,
    sent: r.sent,
  };
};

/** An ingest process on its own port, authenticated like the workload, ready to take posts. */
export const startIngest = async (
  brokers: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<{ proc: Proc; port: number; url: string }> => {
  const port = await freePort();
  const proc = startService('ingest', {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    INGEST_PORT: String(port),
    INGEST_AUTH_HEADER: 'x-api-key',
    INGEST_AUTH_TOKENS: TOKEN,
    ...env,
  });
  await ready(`http://127.0.0.1:${port}/readyz`, proc);
  return { proc, port, url: `http://127.0.0.1:${port}/webhooks` };
};

export interface IngestFigures {
  ours: number;
  baseline: number;
  ratio: number;
  p50Ms: number;
  p99Ms: number;
  baselineP99Ms: number;
  requests: number;
  connections: number;
  rounds: { ours: number; baseline: number }[];
}

/** Webhooks/s at 50 connections: ingest (auth, zod, Kafka ack) vs a bare http server, alternating. */
export const benchIngest = async ({
  brokers,
  requests,
  rounds,
  log,
}: {
  brokers: string;
  requests: number;
  rounds: number;
  log: (l: string) => void;
}): Promise<{ figures: IngestFigures; ingestPid: number | undefined; ingest: Proc }> => {
  const connections = 50;
  const { proc: ingest, port } = await startIngest(brokers, `bench.${Date.now().toString(36)}.`);
  const bare: Proc = spawnNode('bare', `${root}bench/dist/bare-server.js`, {});
  const barePort = await new Promise<number>((resolve) =>
    bare.child.stdout?.once('data', (d: Buffer) =>
      resolve((JSON.parse(d.toString()) as { port: number }).port),
    ),
  );
  const work = workload(requests, 'benchbox:INGEST');
  const warm = workload(2000, 'benchbox:WARM');
  await drive(`http://127.0.0.1:${barePort}/webhooks`, warm, connections);
  await drive(`http://127.0.0.1:${port}/webhooks`, warm, connections);

  const results: {
    ours: Awaited<ReturnType<typeof drive>>;
    baseline: Awaited<ReturnType<typeof drive>>;
  }[] = [];
  for (let i = 0; i < rounds; i++) {
    const baseline = await drive(`http://127.0.0.1:${barePort}/webhooks`, work, connections);
    const ours = await drive(`http://127.0.0.1:${port}/webhooks`, work, connections);
    if (ours.ok !== ours.sent) throw new Error(`ingest accepted ${ours.ok} of ${ours.sent}`);
    log(
      `ingest round ${i + 1}/${rounds}: ours ${ours.perSec.toFixed(0)}/s (p99 ${ours.p99.toFixed(1)} ms), bare ${baseline.perSec.toFixed(0)}/s`,
    );
    results.push({ ours, baseline });
  }
  await bare.stop();
  const ratios = results.map((r) => r.ours.perSec / r.baseline.perSec).sort((a, b) => a - b);
  const best = results.reduce((a, b) => (b.ours.perSec > a.ours.perSec ? b : a));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    ingest,
    ingestPid: ingest.child.pid,
    figures: {
      ours: Math.round(mean(results.map((r) => r.ours.perSec))),
      baseline: Math.round(mean(results.map((r) => r.baseline.perSec))),
      ratio: Number((ratios[Math.floor(ratios.length / 2)] ?? 0).toFixed(3)),
      p50Ms: Number(best.ours.p50.toFixed(2)),
      p99Ms: Number(best.ours.p99.toFixed(2)),
      baselineP99Ms: Number(best.baseline.p99.toFixed(2)),
      requests: work.reduce((n, s) => n + s.length, 0),
      connections,
      rounds: results.map((r) => ({
        ours: Math.round(r.ours.perSec),
        baseline: Math.round(r.baseline.perSec),
      })),
    },
  };
};
