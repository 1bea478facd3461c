import { parseArgs } from 'node:util';
import { applyRetention } from '@callpulse/db';
import { CliError } from '../cli-error.js';
import { parseDurationMs } from '../when.js';
import { withPool } from './keywords.js';

export const usage = `callpulse retention --older-than DURATION [--step DURATION]
  Deletes the detail rows (call events, fragments, scores, keyword hits) of calls that
  started more than DURATION ago (e.g. 90d), one --step of start times (default 15m) per
  transaction. Calls, summaries, rule matches, call_sentiment's figures and the rollups
  are kept. The writer does the same every hour when RETENTION_DAYS is set.`;

export const run = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: { 'older-than': { type: 'string' }, step: { type: 'string', default: '15m' } },
  });
  const olderThan = values['older-than'];
  if (olderThan === undefined) throw new CliError(`usage: ${usage.split('\n')[0]}`, 2);
  const ageMs = parseDurationMs(olderThan);
  if (ageMs === null || ageMs <= 0)
    throw new CliError(`--older-than: not a duration (like 90d, 24h): ${olderThan}`, 2);
  const stepMs = parseDurationMs(values.step);
  if (stepMs === null || stepMs <= 0)
    throw new CliError(`--step: not a duration (like 15m, 1h): ${values.step}`, 2);
  const before = new Date(Date.now() - ageMs);
  let lastPrint = 0;
  const report = await withPool((pool) =>
    applyRetention(pool, {
      before,
      stepMs,
      onProgress: (sweptUntil, deleted) => {
        if (Date.now() - lastPrint < 2000) return;
        lastPrint = Date.now();
        console.error(`swept to ${sweptUntil.toISOString()}: ${deleted} rows deleted`);
      },
    }),
  );
  console.log(
    `detail of calls that started before ${report.horizon.toISOString()} deleted: ${report.deletedRows} rows in ${report.batches} transaction(s)`,
  );
};
