import { parseArgs } from 'node:util';
import { applyRetention } from '@callpulse/db';
import { CliError } from '../cli-error.js';
import { parseDurationMs } from '../when.js';
import { withPool } from './keywords.js';

export const usage = `callpulse retention --older-than DURATION
  Drops the detail (call events, fragments, scores, keyword hits) older than DURATION
  (e.g. 90d) in whole UTC days: the daily partitions that end before the UTC midnight
  DURATION ago, and late rows from before it. Calls, summaries, rule matches,
  call_sentiment's figures and the rollups are kept. The writer does the same every hour
  when RETENTION_DAYS is set.`;

export const run = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: { 'older-than': { type: 'string' } },
  });
  const olderThan = values['older-than'];
  if (olderThan === undefined) throw new CliError(`usage: ${usage.split('\n')[0]}`, 2);
  const ageMs = parseDurationMs(olderThan);
  if (ageMs === null || ageMs <= 0)
    throw new CliError(`--older-than: not a duration (like 90d, 24h): ${olderThan}`, 2);
  const before = new Date(Date.now() - ageMs);
  let lastPrint = 0;
  const report = await withPool((pool) =>
    applyRetention(pool, {
      before,
      onProgress: (partition, dropped) => {
        if (Date.now() - lastPrint < 2000) return;
        lastPrint = Date.now();
        console.error(`dropped ${partition} (${dropped} partition(s) so far)`);
      },
    }),
  );
  console.log(
    `detail before ${report.horizon.toISOString()} dropped: ${report.droppedPartitions} partition(s), ${report.deletedRows} late row(s) from the default partitions`,
  );
};
