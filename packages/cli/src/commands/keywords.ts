import { parseKeywordList, parseKeywordLists, type KeywordList } from '@callpulse/analysis';
import {
  deleteKeywordList,
  getKeywordList,
  listKeywordLists,
  openPool,
  putKeywordList,
  rulesUsingList,
  type Pool,
} from '@callpulse/db';
import { readFile } from 'node:fs/promises';
import { CliError } from '../cli-error.js';
import { operands } from '../operands.js';
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
  const [action, ...args] = argv;
  switch (action) {
    case 'list':
      operands('keywords list', args, []);
      return withPool(async (pool) => {
        const lists = await listKeywordLists(pool);
        if (lists.length === 0) console.log('no keyword lists');
        for (const l of lists) {
          console.log(
            `${l.name}\tv${l.version}\t${l.enabled ? 'enabled' : 'disabled'}\t${l.speakers.join(',')}\t${l.terms.length} terms\t${l.description}`,
          );
        }
      });
    case 'get': {
      const [name] = operands('keywords get', args, ['NAME']);
      return withPool(async (pool) => {
        const list = await getKeywordList(pool, name);
        if (!list) throw new CliError(`no keyword list named "${name}"`);
        console.log(JSON.stringify(list, null, 2));
      });
    }
    case 'set': {
      const [file] = operands('keywords set', args, ['FILE|-']);
      const text =
        file === '-'
          ? await readStdin()
          : await readFile(file, 'utf8').catch(() => {
              throw new CliError(`cannot read ${file}`);
            });
      const lists = parseKeywordListsJson(text, file === '-' ? 'stdin' : file);
      return withPool(async (pool) => {
        for (const list of lists) {
          const { list: stored, created } = await putKeywordList(pool, list);
          console.log(
            `${created ? 'created' : 'updated'} ${stored.name} (version ${stored.version}, ${stored.terms.length} terms)`,
          );
        }
      });
    }
    case 'delete': {
      const [name] = operands('keywords delete', args, ['NAME']);
      return withPool(async (pool) => {
        const users = await rulesUsingList(pool, name);
        if (users.length > 0)
          throw new CliError(
            `keyword list "${name}" is read by rules ${users.join(', ')}; change them first`,
          );
        if (!(await deleteKeywordList(pool, name)))
          throw new CliError(`no keyword list named "${name}"`);
        console.log(`deleted ${name}`);
      });
    }
    default:
      throw new CliError(`usage: ${usage}`);
  }
};
