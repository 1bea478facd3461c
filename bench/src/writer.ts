import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYZER_VERSION, createAnalyzer } from '@callpulse/analysis';
import {
  callKey,
  encodeAnalysisMessage,
  type AnalysisMessage,
  encodeCallEvent,
  normalizeWebhook,
  type CallEvent,
} from '@callpulse/contracts';
import { createPool } from '@callpulse/db';
import { allTopics, createKafka, createProducer, ensureTopics, topicNames } from '@callpulse/kafka';
import { createLogger } from '@callpulse/runtime';
import { generateCalls } from '@callpulse/simulator';
import { freePort } from './infra.js';
import { peakRssMb, ready, startService, waitFor } from './processes.js';

export interface WriterFigures {
  ours: number;
  baseline: number;
  ratio: number;
  fragments: number;
  rows: number;
  seconds: number;
  copySeconds: number;
}

const csv = (values: (string | number | boolean | null)[]): string =>
  values.map((v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(',');

/** Transcript fragments with their scores, built the way ingest and the analyzer build them. */
export const buildFragments = (count: number) => {
  const analyzer = createAnalyzer();
  const calls = generateCalls(Math.ceil(count / 8), {
    seed: 5,
    source: 'benchbox:WRITER',
    fragments: [8, 8],
  });
  const events: CallEvent[] = [];
  for (const call of calls) {
    for (const hook of call.webhooks) {
      if (hook.event_type !== 'transcript' || events.length >= count) continue;
      const r = normalizeWebhook(hook, { eventId: `w-${events.length}`, receivedAt: new Date() });
      if (r.ok) events.push(r.value);
    }
  }
  return events.map((event) => {
    if (event.type !== 'transcript') throw new Error('expected a fragment');
    const { sentiment } = analyzer.analyzeUtterance(
      event.transcript.text,
      event.transcript.speaker,
    );
    return { event, sentiment };
  });
};

type FragmentRow = ReturnType<typeof buildFragments>[number];

/** The analyzer's message for a fragment's score (no keyword lists, so no hits). */
export const scoreMessage = ({ event, sentiment }: FragmentRow): AnalysisMessage => ({
  kind: 'fragment_score',
  eventId: event.eventId,
  occurredAt: event.occurredAt,
  source: event.call.source,
  callId: event.call.callId,
  isTest: false,
  analyzerVersion: ANALYZER_VERSION,
  keywordListsVersion: '0',
  speaker: event.type === 'transcript' ? event.transcript.speaker : 'customer',
  sentiment,
  hits: [],
});

/**
 * Rows/s from Kafka into Postgres through the writer (idempotent batches: call events,
 * fragments, scores), against one plain COPY stream of the same rows into scratch tables.
 */
export const benchWriter = async ({
  brokers,
  databaseUrl,
  fragments: count,
  log,
}: {
  brokers: string;
  databaseUrl: string;
  fragments: number;
  log: (l: string) => void;
}): Promise<{ figures: WriterFigures; peakRssMb: number | null }> => {
  const prefix = `benchw.${Date.now().toString(36)}.`;
  const topics = topicNames(prefix);
  const kafka = createKafka({
    brokers: brokers.split(','),
    clientId: 'bench',
    logger: createLogger({ service: 'bench', level: 'error' }),
  });
  await ensureTopics(
    kafka,
    allTopics(topics).map((topic) => ({ topic, numPartitions: 6 })),
  );
  const rows = buildFragments(count);
  log(`writer: producing ${rows.length} fragments and ${rows.length} scores to Kafka`);
  const producer = createProducer(kafka);
  await producer.connect();
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic: topics.callEvents,
          messages: chunk.map((r) => ({ key: callKey(r.event), value: encodeCallEvent(r.event) })),
        },
        {
          topic: topics.analysis,
          messages: chunk.map((row) => ({
            key: callKey(row.event),
            value: encodeAnalysisMessage(scoreMessage(row)),
          })),
        },
      ],
    });
  }
  await producer.disconnect();

  const pool = createPool({ connectionString: databaseUrl, max: 2 });
  const port = await freePort();
  const writer = startService('writer', {
    KAFKA_BROKERS: brokers,
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: prefix,
    WRITER_HTTP_PORT: String(port),
  });
  const count3 = async () =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM fragment_scores WHERE source = 'benchbox:WRITER')
                + (SELECT count(*) FROM transcript_fragments WHERE source = 'benchbox:WRITER') AS n`,
        )
      ).rows[0]?.n,
    );
  await ready(`http://127.0.0.1:${port}/readyz`, writer);
  const started = performance.now();
  let lastLog = 0;
  await waitFor(
    async () => {
      const n = await count3();
      if (Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        log(`writer: ${n}/${rows.length * 2} fragment and score rows stored`);
      }
      return n >= rows.length * 2;
    },
    { timeoutMs: 600_000, what: 'the writer to store every row' },
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRssMb(writer.child.pid);
  await writer.stop();
  await pool.end();

  // The baseline: the same rows (call events, fragments, scores) in one COPY stream.
  const dir = mkdtempSync(join(tmpdir(), 'callpulse-bench-copy-'));
  try {
    writeFileSync(
      join(dir, 'events.csv'),
      rows
        .map(({ event }) =>
          csv([
            event.eventId,
            event.call.source,
            event.call.callId,
            event.type,
            event.type,
            event.occurredAt,
            event.receivedAt,
            false,
            0,
            0,
            JSON.stringify(event.raw),
          ]),
        )
        .join('\n'),
    );
    writeFileSync(
      join(dir, 'fragments.csv'),
      rows
        .map(({ event }, i) =>
          csv([
            event.eventId,
            event.call.source,
            event.call.callId,
            i,
            event.type === 'transcript' ? event.transcript.speaker : '',
            event.type === 'transcript' ? event.transcript.text : '',
            null,
            event.occurredAt,
            false,
          ]),
        )
        .join('\n'),
    );
    writeFileSync(
      join(dir, 'scores.csv'),
      rows
        .map(({ event, sentiment }) =>
          csv([
            event.eventId,
            event.call.source,
            event.call.callId,
            'customer',
            sentiment.score,
            sentiment.comparative,
            sentiment.label,
            JSON.stringify(sentiment.words),
            ANALYZER_VERSION,
            '0',
            false,
          ]),
        )
        .join('\n'),
    );
    const setup = `
      DROP TABLE IF EXISTS copy_events, copy_fragments, copy_scores;
      CREATE TABLE copy_events (event_id text, source text, call_id text, event_type text, provider_event_type text, occurred_at timestamptz, received_at timestamptz, is_test boolean, kafka_partition int, kafka_offset bigint, raw jsonb);
      CREATE TABLE copy_fragments (event_id text, source text, call_id text, seq bigint, speaker text, text text, provider_timestamp text, occurred_at timestamptz, is_test boolean);
      CREATE TABLE copy_scores (event_id text, source text, call_id text, speaker text, score float8, comparative float8, label text, words jsonb, analyzer_version text, keyword_lists_version text, is_test boolean);`;
    execFileSync('psql', [
      databaseUrl,
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `SET client_min_messages = warning; ${setup}`,
    ]);
    const copyStarted = performance.now();
    execFileSync('psql', [
      databaseUrl,
      '-q',
      '-c',
      `\\copy copy_events FROM '${join(dir, 'events.csv')}' WITH (FORMAT csv)`,
      '-c',
      `\\copy copy_fragments FROM '${join(dir, 'fragments.csv')}' WITH (FORMAT csv)`,
      '-c',
      `\\copy copy_scores FROM '${join(dir, 'scores.csv')}' WITH (FORMAT csv)`,
    ]);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    execFileSync('psql', [
      databaseUrl,
      '-q',
      '-c',
      'DROP TABLE copy_events, copy_fragments, copy_scores',
    ]);
    const total = rows.length * 3;
    const ours = total / seconds;
    const baseline = total / copySeconds;
    log(`writer: ${ours.toFixed(0)} rows/s; COPY ${baseline.toFixed(0)} rows/s`);
    return {
      peakRssMb: peak,
      figures: {
        ours: Math.round(ours),
        baseline: Math.round(baseline),
        ratio: Number((ours / baseline).toFixed(3)),
        fragments: rows.length,
        rows: total,
        seconds: Number(seconds.toFixed(2)),
        copySeconds: Number(copySeconds.toFixed(2)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
