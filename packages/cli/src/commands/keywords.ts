import { parseKeywordList, parseKeywordLists, type KeywordList } from '@callpulse/analysis';
import {
  deleteKeywordList,
  getKeywordList,
  listKeywordLists,
  openPool,
  putKeywordList,
  type Pool,
} from '@callpulse/db';
import { readFile } from 'node:fs/promises';
import { CliError } from '../cli-error.js';
import { databaseUrl } from '../settings.js';
import { readStdin } from '../stdin.js';

export const usage = `callpulse keywords list | get NAME | set FILE|- | delete NAME
  Manages keyword lists in Postgres (DATABASE_URL). \`set\` takes one list or a JSON array
  of lists, validated like the API; running analyzers pick changes up within seconds.`;

/** Parses one list or an array of lists with the analysis package's parser; every problem named. */
export const parseKeywordListsJson = (text: string, origin: string): KeywordList[] => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${origin}: not JSON: ${(error as Error).message}`);
  }
  const parsed = Array.isArray(json) ? parseKeywordLists(json) : parseKeywordList(json);
  if (!parsed.ok)
    throw new CliError(`${origin}: invalid keyword list: ${parsed.errors.join('; ')}`);
  return Array.isArray(parsed.value) ? parsed.value : [parsed.value];
};

export const withPool = async <T>(work: (pool: Pool) => Promise<T>): Promise<T> => {
  const pool = await openPool({
    connectionString: databaseUrl(),
    max: 2,
    service: 'cli', // a short-lived command: a failing query reports its own error
  }).catch((error: Error) => {
    throw new CliError(error.message);
  });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
};

export const run = async (argv: string[]): Promise<void> => {
  const [action, arg] = argv;
  switch (action) {
    case 'list':
      return withPool(async (pool) => {
        const lists = await listKeywordLists(pool);
        if (lists.length === 0) console.log('no keyword lists');
        for (const l of lists) {
          console.log(
            `${l.name}\tv${l.version}\t${l.enabled ? 'enabled' : 'disabled'}\t${l.speakers.join(',')}\t${l.terms.length} terms\t${l.description}`,
          );
        }
      });
    case 'get':
      if (!arg) throw new CliError('usage: callpulse keywords get NAME');
      return withPool(async (pool) => {
        const list = await getKeywordList(pool, arg);
        if (!list) throw new CliError(`no keyword list named "${arg}"`);
        console.log(JSON.stringify(list, null, 2));
      });
    case 'set': {
      if (!arg) throw new CliError('usage: callpulse keywords set FILE (or - for stdin)');
      const text =
        arg === '-'
          ? await readStdin()
          : await readFile(arg, 'utf8').catch(() => {
              throw new CliError(`cannot read ${arg}`);
            });
      const lists = parseKeywordListsJson(text, arg === '-' ? 'stdin' : arg);
      return withPool(async (pool) => {
        for (const list of lists) {
          const { list: stored, created } = await putKeywordList(pool, list);
          console.log(
            `${created ? 'created' : 'updated'} ${stored.name} (version ${stored.version}, ${stored.terms.length} terms)`,
          );
        }
      });
    }
    case 'delete':
      if (!arg) throw new CliError('usage: callpulse keywords delete NAME');
      return withPool(async (pool) => {
        if (!(await deleteKeywordList(pool, arg)))
          throw new CliError(`no keyword list named "${arg}"`);
        console.log(`deleted ${arg}`);
      });
    default:
      throw new CliError(`usage: ${usage}`);
  }
};
