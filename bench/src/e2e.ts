import { createPool } from '@callpulse/db';
import { generateCalls, percentile, sendWebhooks } from '@callpulse/simulator';
import { freePort } from './infra.js';
import { peakRssMb, ready, startService, waitFor, type Proc } from './processes.js';

const TOKEN = 'bench-token';

export interface E2eRun {
  offeredPerSec: number;
  achievedPerSec: number;
  fragments: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface E2eFigures extends E2eRun {
  maxRateP99Under1s: number | null;
  /** What ended the search: p99 reached 1 s, the offered rate was not achieved, or no higher rate was tried. */
  searchEndedBy: 'p99 >= 1 s' | 'offered rate not achieved' | 'highest rate tried';
  search: E2eRun[];
}

/** The running pipeline: ingest, analyzer and writer as processes on their own topics. */
const startPipeline = async (brokers: string, databaseUrl: string) => {
  const prefix = `benche.${Date.now().toString(36)}.`;
  const ports = { ingest: await freePort(), analyzer: await freePort(), writer: await freePort() };
  const common = { KAFKA_BROKERS: brokers, DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix };
  const procs: Record<string, Proc> = {
    writer: startService('writer', { ...common, WRITER_HTTP_PORT: String(ports.writer) }),
    analyzer: startService('analyzer', { ...common, ANALYZER_HTTP_PORT: String(ports.analyzer) }),
    ingest: startService('ingest', {
      ...common,
      INGEST_PORT: String(ports.ingest),
      INGEST_AUTH_HEADER: 'x-api-key',
      INGEST_AUTH_TOKENS: TOKEN,
    }),
  };
  await Promise.all(
    Object.entries(procs).map(([name, p]) =>
      ready(`http://127.0.0.1:${ports[name as keyof typeof ports]}/readyz`, p),
    ),
  );
  return { procs, url: `http://127.0.0.1:${ports.ingest}/webhooks` };
};

/**
 * Latency from ingest's HTTP 200 to the fragment's score being in Postgres, at a fixed
 * offered rate; then the highest rate whose p99 stays under a second.
 */
export const benchE2e = async ({
  brokers,
  databaseUrl,
  rate,
  seconds,
  searchRates,
  searchSeconds,
  log,
}: {
  brokers: string;
  databaseUrl: string;
  rate: number;
  seconds: number;
  searchRates: number[];
  searchSeconds: number;
  log: (l: string) => void;
}): Promise<{ figures: E2eFigures; memory: Record<string, number | null> }> => {
  const { procs, url } = await startPipeline(brokers, databaseUrl);
  const pool = createPool({ connectionString: databaseUrl, max: 2 });
  let runNo = 0;
  const run = async (offered: number, duration: number): Promise<E2eRun> => {
    const source = `benchbox:E2E${++runNo}`;
    const events = offered * duration;
    const calls = generateCalls(Math.ceil(events / 10), { seed: runNo, source, fragments: [6, 6] });
    const sequences = calls.map((c) => c.webhooks);
    const sent = await sendWebhooks({
      url,
      sequences,
      ratePerSecond: offered,
      concurrency: 200,
      headers: { 'x-api-key': TOKEN },
    });
    // Outcomes are in answer order, not send order: match fragments by event id.
    const fragmentIds = new Map<string, number>();
    for (const o of sent.outcomes)
      if (o.status === 200 && o.eventId) fragmentIds.set(o.eventId, o.answeredAtEpochMs);
    const scored = await waitFor(
      async () => {
        const { rows } = await pool.query<{ event_id: string; at: string }>(
          `SELECT event_id, (extract(epoch FROM scored_at) * 1000)::float8 AS at FROM fragment_scores WHERE source = $1`,
          [source],
        );
        const expected = (
          await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM transcript_fragments WHERE source = $1`,
            [source],
          )
        ).rows[0]?.n;
        const fragmentsSent = sequences
          .flat()
          .filter((b) => (b as { event_type: string }).event_type === 'transcript').length;
        return rows.length >= fragmentsSent && Number(expected) >= fragmentsSent ? rows : null;
      },
      { timeoutMs: 120_000, what: `scores of run ${runNo}` },
    );
    const latencies = scored.flatMap((r) => {
      const answered = fragmentIds.get(r.event_id);
      return answered === undefined ? [] : [Math.max(0, Number(r.at) - answered)];
    });
    const result = {
      offeredPerSec: offered,
      achievedPerSec: Math.round(sent.sent / (sent.elapsedMs / 1000)),
      fragments: latencies.length,
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(Math.max(...latencies)),
    };
    log(
      `e2e ${offered}/s for ${duration} s: achieved ${result.achievedPerSec}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`,
    );
    return result;
  };

  try {
    const main = await run(rate, seconds);
    const search: E2eRun[] = [];
    let best: number | null = main.p99Ms < 1000 ? rate : null;
    let searchEndedBy: E2eFigures['searchEndedBy'] = 'highest rate tried';
    for (const r of searchRates) {
      const s = await run(r, searchSeconds);
      search.push(s);
      if (s.p99Ms >= 1000) searchEndedBy = 'p99 >= 1 s';
      else if (s.achievedPerSec < r * 0.9) searchEndedBy = 'offered rate not achieved';
      else {
        best = Math.max(best ?? 0, r);
        continue;
      }
      break;
    }
    const memory = Object.fromEntries(
      Object.entries(procs).map(([name, p]) => [name, peakRssMb(p.child.pid)]),
    );
    return { figures: { ...main, maxRateP99Under1s: best, searchEndedBy, search }, memory };
  } finally {
    await pool.end();
    await Promise.all(Object.values(procs).map((p) => p.stop()));
  }
};
