import { parseArgs } from 'node:util';
import { createPool } from '@callpulse/db';
import { startInfra } from './infra.js';
import { benchWriter, type WriterFigures } from './writer.js';

// npm run bench:writer [-- --fragments N --rounds R]: the writer stage of `npm run bench`
// alone, in two modes taking turns, each in a fresh database: as shipped (the per-call
// figures and rollups refreshed in every batch's transaction) and with that refresh made a
// no-op, each against one COPY stream of the same rows measured in the same round.

const { values } = parseArgs({
  options: {
    fragments: { type: 'string', default: '30000' },
    rounds: { type: 'string', default: '2' },
  },
});
const started = Date.now();
const log = (line: string): void =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const NO_REFRESH = `CREATE OR REPLACE FUNCTION call_figures_refresh(p_sources text[], p_call_ids text[]) RETURNS bigint
  LANGUAGE sql AS 'SELECT 0::bigint'`;

const results: { mode: string; figures: WriterFigures }[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const mode of ['figures refreshed', 'refresh a no-op']) {
    const infra = await startInfra(log);
    try {
      if (mode === 'refresh a no-op') {
        const pool = createPool({ connectionString: infra.databaseUrl, max: 1 });
        await pool.query(NO_REFRESH);
        await pool.end();
      }
      log(`round ${round}: writer, ${mode}`);
      const { figures } = await benchWriter({
        brokers: infra.brokers,
        databaseUrl: infra.databaseUrl,
        fragments: Number(values.fragments),
        log,
      });
      results.push({ mode, figures });
    } finally {
      await infra.close();
    }
  }
}
console.log('\n| writer | rows/s | COPY rows/s (same round) | ratio |\n| --- | --- | --- | --- |');
for (const { mode, figures } of results) {
  console.log(`| ${mode} | ${figures.ours} | ${figures.baseline} | ${figures.ratio} |`);
}
