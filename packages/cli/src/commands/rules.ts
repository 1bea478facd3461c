import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import {
  deleteRule,
  getRule,
  listDestinations,
  listKeywordLists,
  loadRules,
  putRule,
} from '@callpulse/db';
import { MAX_JSON_DEPTH, nestingDepth } from '@callpulse/contracts';
import { replayRule, ReplayError, type ReplayReport } from '@callpulse/replay';
import {
  compileRules,
  fromRuleRecord,
  testCallLine,
  toRuleRecord,
  validateRule,
  validateRules,
  withoutStoredFields,
  type Rule,
} from '@callpulse/rules';
import { CliError } from '../cli-error.js';
import { operands } from '../operands.js';
import { readStdin, stdinLines } from '../stdin.js';
import { parseKeywordListsJson, withPool } from './keywords.js';

export const usage = `callpulse rules list | get NAME | set FILE|- | delete NAME
  Manages rules in Postgres (DATABASE_URL). \`set\` takes one rule or a JSON array of
  rules, validated like the API (a rule naming an unknown keyword list or destination is refused);
  running analyzers pick changes up within seconds.
callpulse rules test --rules FILE [--keywords FILE] [--explain] < calls.jsonl
  Offline, no Kafka or Postgres: each input line is one call as a JSON array of the
  provider's webhook bodies in arrival order; each output line is
  {"source","callId","matches":[{"rule","phase","status","basis","atSecond","evidence"}]}.
callpulse rules replay NAME [--since ISO] [--until ISO] [--apply]
  Evaluates the rule's current version over stored calls and prints what changed
  against what is stored; --apply stores the new verdicts (never notified).`;

const readText = async (file: string): Promise<string> =>
  file === '-'
    ? readStdin()
    : readFile(file, 'utf8').catch(() => {
        throw new CliError(`cannot read ${file}`);
      });

const parseJson = (text: string, origin: string): unknown => {
  // Rules nest, but never this deep: validating such a file would exhaust the stack.
  if (nestingDepth(text) > MAX_JSON_DEPTH)
    throw new CliError(`${origin}: JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    // A byte-order mark (some editors write one) is not part of the JSON.
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new CliError(`${origin}: not JSON: ${(error as Error).message}`);
  }
};

/** One rule or an array of rules, every problem named with its path. */
export const parseRulesJson = (
  text: string,
  origin: string,
  lists: Iterable<string>,
  destinations?: Iterable<string>,
): Rule[] => {
  // A file saved from `rules get` holds the stored version and time too: set takes it back.
  const parsed = parseJson(text, origin);
  const json = Array.isArray(parsed)
    ? parsed.map(withoutStoredFields)
    : withoutStoredFields(parsed);
  const known = destinations === undefined ? { lists } : { lists, destinations };
  const result = Array.isArray(json) ? validateRules(json, known) : validateRule(json, known);
  if (!result.ok) {
    throw new CliError(
      `${origin}: invalid rule: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  }
  return Array.isArray(result.value) ? result.value : [result.value];
};

const printReport = (r: ReplayReport): void => {
  console.log(
    `rule ${r.rule} v${r.version}: ${r.scanned} calls scanned in ${r.seconds.toFixed(1)} s`,
  );
  console.log(`  matched now: ${r.matchedNow}   matched by the stored version: ${r.matchedStored}`);
  for (const [sign, part] of [
    ['+added', r.added],
    ['-removed', r.removed],
  ] as const) {
    console.log(`  ${sign}: ${part.count}`);
    for (const ex of part.examples) {
      const quote = ex.evidence[0] ? ` — ${ex.evidence[0].speaker}: "${ex.evidence[0].text}"` : '';
      console.log(`    ${ex.source} ${ex.callId}${quote}`);
    }
  }
  if (r.applied > 0) console.log(`  applied: ${r.applied} verdicts stored (not notified)`);
};

const test = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      rules: { type: 'string' },
      keywords: { type: 'string' },
      explain: { type: 'boolean', default: false },
    },
  });
  if (!values.rules) throw new CliError('rules test: --rules FILE is required');
  const lists = values.keywords
    ? parseKeywordListsJson(await readText(values.keywords), values.keywords)
    : [];
  const rules = parseRulesJson(
    await readText(values.rules),
    values.rules,
    lists.map((l) => l.name),
  );
  for (const rule of rules) {
    if (!rule.enabled)
      process.stderr.write(`rules test: ${rule.name} is disabled: not evaluated\n`);
  }
  const { ruleSet } = compileRules(rules, { lists });
  let lineNo = 0;
  let calls = 0;
  let errors = 0;
  for await (const line of stdinLines()) {
    lineNo++;
    if (line.trim() === '') continue;
    calls++;
    const outcome = testCallLine(line, ruleSet, { explain: values.explain });
    if (outcome.ok) console.log(JSON.stringify(outcome.value));
    else {
      errors++;
      console.log(JSON.stringify({ line: lineNo, error: outcome.error }));
    }
  }
  if (errors > 0)
    throw new CliError(
      `${errors} of ${calls} calls could not be read (their output lines say why)`,
      1,
    );
};

const replay = async (argv: string[]): Promise<void> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      apply: { type: 'boolean', default: false },
    },
  });
  const name = positionals[0];
  if (!name)
    throw new CliError('usage: callpulse rules replay NAME [--since ISO] [--until ISO] [--apply]');
  const when = (flag: string, value: string | undefined): Date | null => {
    if (value === undefined) return null;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new CliError(`--${flag}: not a date: ${value}`);
    return date;
  };
  const since = when('since', values.since);
  const until = when('until', values.until);
  await withPool(async (pool) => {
    const report = await replayRule({
      pool,
      name,
      since,
      until,
      apply: values.apply,
      onProgress: (scanned) => process.stderr.write(`\rreplay ${name}: ${scanned} calls`),
    }).catch((error: unknown) => {
      throw error instanceof ReplayError ? new CliError(error.message) : error;
    });
    process.stderr.write('\n');
    printReport(report);
  });
};

export const run = async (argv: string[]): Promise<void> => {
  const [action, ...args] = argv;
  switch (action) {
    case 'list':
      operands('rules list', args, []);
      return withPool(async (pool) => {
        const { rules } = await loadRules(pool);
        if (rules.length === 0) console.log('no rules');
        for (const r of rules) {
          console.log(
            `${r.name}\tv${r.version}\t${r.enabled ? 'enabled' : 'disabled'}\t${r.severity}\t${String((r.definition as { description?: string }).description ?? '')}`,
          );
        }
      });
    case 'get': {
      const [name] = operands('rules get', args, ['NAME']);
      return withPool(async (pool) => {
        const rule = await getRule(pool, name);
        if (!rule) throw new CliError(`no rule named "${name}"`);
        console.log(JSON.stringify(fromRuleRecord(rule), null, 2));
      });
    }
    case 'set': {
      const [file] = operands('rules set', args, ['FILE|-']);
      const text = await readText(file);
      return withPool(async (pool) => {
        const lists = (await listKeywordLists(pool)).map((l) => l.name);
        const destinations = (await listDestinations(pool)).map((d) => d.name);
        for (const rule of parseRulesJson(
          text,
          file === '-' ? 'stdin' : file,
          lists,
          destinations,
        )) {
          const { rule: stored, created } = await putRule(pool, toRuleRecord(rule));
          console.log(
            `${created ? 'created' : 'updated'} ${stored.name} (version ${stored.version})`,
          );
        }
      });
    }
    case 'delete': {
      const [name] = operands('rules delete', args, ['NAME']);
      return withPool(async (pool) => {
        if (!(await deleteRule(pool, name))) throw new CliError(`no rule named "${name}"`);
        console.log(`deleted ${name}`);
      });
    }
    case 'test':
      return test(args);
    case 'replay':
      return replay(args);
    default:
      throw new CliError(`usage: ${usage}`);
  }
};
