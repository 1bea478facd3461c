import { parseArgs } from 'node:util';
import {
  checkCallFigures,
  createPool,
  dropDatabase,
  ensureDatabase,
  migrate,
  withDatabase,
} from '@callpulse/db';
import { loadCalls } from './storage/load.js';
import { questionsFor, ROLLUP_QUESTIONS, timeQuestions } from './storage/questions.js';

// npm run bench:storage [-- --calls N] [--database NAME] [--keep] [--reuse]: builds a database
// of N calls with the project's migrations and set-based SQL into the writer's tables, then
// prints the median of 3 runs of each everyday question. Figures, not pass/fail.

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000000' },
    database: { type: 'string' },
    keep: { type: 'boolean', default: false }, // leave the database for psql afterwards
    reuse: { type: 'boolean', default: false }, // time an existing database, load nothing
  },
});
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 1) throw new Error(`--calls: not a count: ${values.calls}`);

const started = Date.now();
const log = (line: string): void =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = withDatabase(
  server,
  values.database ?? `callpulse_bench_storage_${Date.now().toString(36)}`,
);
const pool = createPool({ connectionString: databaseUrl, max: 2, statementTimeoutMs: 0 });
try {
  if (!values.reuse) {
    await dropDatabase(databaseUrl);
    await ensureDatabase(databaseUrl);
    await migrate({ connectionString: databaseUrl });
    log(
      `loading ${calls.toLocaleString('en')} calls into ${new URL(databaseUrl).pathname.slice(1)}`,
    );
    await loadCalls({ pool, calls, log });
    // A database that has run for weeks has statistics; autovacuum would get there too.
    log('VACUUM ANALYZE');
    await pool.query('VACUUM ANALYZE');
  }
  const { rows: stored } = await pool.query<{ present: boolean }>(
    `SELECT to_regclass('call_figures') IS NOT NULL AS present`,
  );
  if (stored[0]?.present) {
    // The loader refreshed figures chunk by chunk, as the writer does batch by batch.
    const differences = await checkCallFigures(pool, {
      since: new Date(0),
      until: new Date(Date.now() + 86_400_000),
    });
    log(`consistency check: ${differences.length} differences`);
  }
  const { rows } = await pool.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  log(`database size ${rows[0]?.size}`);
  const { rows: has } = await pool.query<{ present: boolean }>(
    `SELECT to_regclass('call_rollup_daily') IS NOT NULL AS present`,
  );
  // A call from the middle of the table for the one-call questions (the database may
  // come from the pipeline, with its own sources and ids).
  const { rows: middle } = await pool.query<{ source: string; call_id: string }>(
    `SELECT source, call_id FROM calls ORDER BY source, call_id
     OFFSET (SELECT count(*) * 6 / 10 FROM calls) LIMIT 1`,
  );
  const one: [string, string] = [middle[0]?.source ?? '', middle[0]?.call_id ?? ''];
  log(`one call: ${one.join(' ')}`);
  const questions = [...questionsFor(one), ...(has[0]?.present ? ROLLUP_QUESTIONS : [])];
  const timings = await timeQuestions({ pool, questions, log });
  const { rows: counted } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM calls');
  const n = Number(counted[0]?.n).toLocaleString('en');
  console.log(`\n${n} calls, ${rows[0]?.size}, median of 3 runs\n`);
  console.log('| question | median | runs | rows |\n| --- | --- | --- | --- |');
  for (const t of timings) {
    const runs = t.runsMs.map((ms) => ms.toFixed(1)).join(', ');
    console.log(`| ${t.name} | ${t.medianMs.toFixed(1)} ms | ${runs} | ${t.rows} |`);
  }
} finally {
  await pool.end();
  if (!values.keep && !values.reuse) await dropDatabase(databaseUrl);
}
