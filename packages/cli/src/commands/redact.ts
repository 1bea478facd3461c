import {
  createRedactor,
  parseEntityTypes,
  RedactConfigError,
  type CarryState,
  type CustomPattern,
  type Redactor,
} from '@callpulse/redact';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.js';
import { stdinLines, stdoutLines } from '../stdin.js';

export const usage = `callpulse redact [--types card_number,email,...] [--custom NAME=REGEX ...]
  Redacts stdin: JSON lines {"text": "...", "speaker": "customer", "call": "id"} or plain text.
  Writes one JSON line per input: {"text": "... [CARD_NUMBER] ...", "redactions": [...]}.
  Lines of one call (plain text: the whole input) share the cross-fragment carry per speaker.
  --types    built-in types to redact (default all): card_number, cvv, expiry, ssn, iban,
             email, phone, date_of_birth
  --custom   an extra pattern, redacted as [NAME]; repeatable`;

const parseCustom = (specs: readonly string[]): CustomPattern[] =>
  specs.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new CliError(`--custom: expected NAME=REGEX, got "${spec}"`, 2);
    return { name: spec.slice(0, eq), pattern: spec.slice(eq + 1) };
  });

const build = (types: string | undefined, custom: readonly string[]): Redactor => {
  const parsed = parseEntityTypes(types ?? '');
  if (!parsed.ok) throw new CliError(`--types: ${parsed.error}`, 2);
  try {
    return createRedactor({ types: parsed.value, custom: parseCustom(custom) });
  } catch (error) {
    if (error instanceof RedactConfigError) throw new CliError(`--custom: ${error.message}`, 2);
    throw error;
  }
};

interface Input {
  text: string;
  speaker?: string;
  call?: string;
}

const parseLine = (line: string): Input => {
  if (!line.trimStart().startsWith('{')) return { text: line };
  let input: { text?: unknown; speaker?: unknown; call?: unknown };
  try {
    input = JSON.parse(line) as typeof input;
  } catch {
    // Node's message quotes the start of the line, which may be the card number itself.
    throw new Error('not valid JSON');
  }
  if (typeof input.text !== 'string') throw new Error('"text" must be a string');
  for (const key of ['speaker', 'call'] as const)
    if (input[key] !== undefined && typeof input[key] !== 'string')
      throw new Error(`"${key}" must be a string`);
  return input as Input;
};

export const run = async (argv: string[]): Promise<void> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      types: { type: 'string' },
      custom: { type: 'string', multiple: true, default: [] },
    },
  });
  const redactor = build(values.types, values.custom);

  const carries = new Map<string, CarryState>();
  let lineNo = 0;
  let errors = 0;
  const out = stdoutLines();
  for await (const line of stdinLines()) {
    if (out.readerGone()) break;
    lineNo++;
    let input: Input;
    try {
      input = parseLine(line);
    } catch (error) {
      errors++;
      // The line itself is not echoed: it may hold the very values being redacted.
      await out.write(JSON.stringify({ line: lineNo, error: (error as Error).message }));
      continue;
    }
    const call = input.call ?? '';
    const { text, redactions, carry } = redactor.redact(input.text, {
      speaker: input.speaker,
      carry: carries.get(call),
    });
    carries.set(call, carry);
    await out.write(JSON.stringify({ text, redactions }));
  }
  if (out.readerGone()) return; // nobody left to tell about bad lines either
  if (errors > 0)
    throw new CliError(
      `${errors} of ${lineNo} lines could not be read (their output lines say why)`,
    );
};
