import { parseArgs } from 'node:util';
import { checkCallFigures } from '@callpulse/db';
import { CliError } from '../cli-error.js';
import { parseWhen } from '../when.js';
import { withPool } from './keywords.js';

export const usage = `callpulse check [--since ISO|DURATION] [--until ISO|DURATION]
  Recomputes the per-call figures (call_sentiment) and the hourly rollups of the calls that
  started in [since, until) from the detail tables and prints every difference from what
  is stored, one JSON line each; exits 1 when there is any. Defaults: the last 24 hours.`;

export const run = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: { since: { type: 'string' }, until: { type: 'string' } },
  });
  const now = new Date();
  const since = parseWhen('since', values.since ?? '24h', now);
  const until = values.until === undefined ? now : parseWhen('until', values.until, now);
  if (since >= until) throw new CliError('--since must be before --until', 2);
  const differences = await withPool((pool) => checkCallFigures(pool, { since, until }));
  for (const d of differences) console.log(JSON.stringify(d));
  const range = `${since.toISOString()} to ${until.toISOString()}`;
  if (differences.length > 0)
    throw new CliError(`${differences.length} difference(s) in the stored figures, ${range}`);
  console.error(`stored figures match the detail tables, ${range}`);
};
