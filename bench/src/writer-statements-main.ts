import { parseArgs } from 'node:util';
import {
  checkCallFigures,
  createPool,
  dropDatabase,
  ensureDatabase,
  inTransaction,
  migrate,
  withDatabase,
  writeBatch,
  type PoolClient,
} from '@callpulse/db';
import { buildFragments, scoreMessage } from './writer.js';

// npm run bench:writer-statements [-- --fragments N]: where the writer's database time goes,
// without Kafka or the service. The rows of bench:writer (N fragments of 8-fragment calls,
// and their scores) written by the writer's own writeBatch into a fresh database, 2,000
// records a transaction, the events of a chunk and then its scores; prints the time spent
// in each statement (summed by its first words; COPY is the staging stream, JS included).
// No partition keeper runs here: the rows' days (October 2025) have no partitions, so they
// go to the DEFAULT partitions (the service creates those days before its first batch).

const { values } = parseArgs({
  options: { fragments: { type: 'string', default: '30000' } },
});
const count = Number(values.fragments);
const CHUNK = 2_000; // records per transaction, as the writer service

const rows = buildFragments(count);
const events = rows.map((r) => r.event);
const scores = rows.map(scoreMessage);

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = withDatabase(server, `callpulse_bench_stmts_${Date.now().toString(36)}`);
await ensureDatabase(databaseUrl);
const pool = createPool({ connectionString: databaseUrl, max: 2 });
try {
  await migrate({ connectionString: databaseUrl });
  const spent = new Map<string, number>();
  const add = (key: string, ms: number) => spent.set(key, (spent.get(key) ?? 0) + ms);
  const timed = new WeakSet<PoolClient>();
  // Wraps a client's query once: a promise is timed to its end, a COPY stream to 'finish'.
  const timing = (client: PoolClient): PoolClient => {
    if (timed.has(client)) return client;
    timed.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === 'string' ? first : (first?.text ?? 'COPY (staging)');
      const key = text.trim().replace(/\s+/g, ' ').slice(0, 60);
      const t = performance.now();
      const result = query(...args);
      if (result instanceof Promise) return result.finally(() => add(key, performance.now() - t));
      const stream = result as Partial<NodeJS.EventEmitter> | undefined;
      stream?.on?.('finish', () => add(key, performance.now() - t));
      return result;
    };
    return client;
  };
  const started = performance.now();
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK).map((event, j) => ({
      event,
      partition: 0,
      offset: String(i + j),
    }));
    await inTransaction(pool, (c) =>
      writeBatch(timing(c), { events: chunk, analysis: [], matches: [] }),
    );
    await inTransaction(pool, (c) =>
      writeBatch(timing(c), { events: [], analysis: scores.slice(i, i + CHUNK), matches: [] }),
    );
  }
  const ms = performance.now() - started;
  for (const [key, t] of [...spent].sort((a, b) => b[1] - a[1])) {
    console.log(`${t.toFixed(0).padStart(7)} ms  ${key}`);
  }
  console.log(
    `${ms.toFixed(0).padStart(7)} ms  in all: ${Math.round((events.length * 3) / (ms / 1000))} rows/s`,
  );
  const differences = await checkCallFigures(pool, {
    since: new Date(0),
    until: new Date('2100-01-01'),
  });
  console.log(`figures check: ${differences.length} difference(s)`);
} finally {
  await pool.end();
  await dropDatabase(databaseUrl);
}
