import { createAnalyzer, keywordListSchema, type KeywordList } from '@callpulse/analysis';
import { loadKeywordLists } from '@callpulse/db';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.js';
import { parseKeywordListsJson, withPool } from './keywords.js';
import { stdinLines, stdoutLines } from '../stdin.js';
import { speakerSchema, type Speaker } from '@callpulse/contracts';

export const usage = `callpulse analyze [--keywords FILE | --db [--all]] [--speaker NAME]
  Scores stdin: JSON lines {"text": "...", "speaker": "customer"} or plain text lines.
  Writes one JSON line per input: {"sentiment": {...}, "hits": [...]}.
  --keywords FILE  keyword lists from a JSON file (one list or an array)
  --db             keyword lists from Postgres (DATABASE_URL); --all includes disabled ones`;

const loadLists = async (values: {
  keywords?: string;
  db?: boolean;
  all?: boolean;
}): Promise<KeywordList[]> => {
  if (values.keywords) {
    const text = await readFile(values.keywords, 'utf8').catch(() => {
      throw new CliError(`cannot read ${values.keywords}`);
    });
    return parseKeywordListsJson(text, values.keywords);
  }
  if (!values.db) return [];
  return withPool(async (pool) => {
    const { lists } = await loadKeywordLists(pool);
    return lists.flatMap((stored) => {
      const parsed = keywordListSchema.safeParse(stored);
      if (!parsed.success) {
        console.error(`skipping invalid list ${stored.name}`);
        return [];
      }
      return [values.all ? { ...parsed.data, enabled: true } : parsed.data];
    });
  });
};

const parseLine = (line: string, speaker: Speaker): { text: string; speaker: Speaker } => {
  if (!line.trimStart().startsWith('{')) return { text: line, speaker };
  let input: { text?: unknown; speaker?: unknown };
  try {
    input = JSON.parse(line) as typeof input;
  } catch {
    // Node's message quotes the start of the line, which may hold personal data.
    throw new Error('not valid JSON');
  }
  if (typeof input.text !== 'string') throw new Error('"text" must be a string');
  if (input.speaker === undefined) return { text: input.text, speaker };
  const named = speakerSchema.safeParse(input.speaker);
  if (!named.success) throw new Error('"speaker" must be a non-empty name such as "customer"');
  return { text: input.text, speaker: named.data };
};

export const run = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      keywords: { type: 'string' },
      db: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      speaker: { type: 'string', default: 'customer' },
    },
  });
  const parsedSpeaker = speakerSchema.safeParse(values.speaker);
  if (!parsedSpeaker.success) {
    throw new CliError(`--speaker: expected a speaker name such as customer or ai`);
  }
  const defaultSpeaker = parsedSpeaker.data;
  const lists = await loadLists(values);
  const analyzer = createAnalyzer({ lists });
  if (lists.length)
    console.error(`${lists.length} keyword list(s): ${lists.map((l) => l.name).join(', ')}`);

  let lineNo = 0;
  let errors = 0;
  const out = stdoutLines();
  for await (const line of stdinLines()) {
    if (out.readerGone()) break;
    lineNo++;
    let input: { text: string; speaker: Speaker };
    try {
      input = parseLine(line, defaultSpeaker);
    } catch (error) {
      errors++;
      // The line itself is not echoed: it may hold personal data.
      await out.write(JSON.stringify({ line: lineNo, error: (error as Error).message }));
      continue;
    }
    const { sentiment, hits } = analyzer.analyzeUtterance(input.text, input.speaker);
    await out.write(JSON.stringify({ sentiment, hits }));
  }
  if (out.readerGone()) return; // nobody left to tell about bad lines either
  if (errors > 0)
    throw new CliError(
      `${errors} of ${lineNo} lines could not be read (their output lines say why)`,
    );
};
