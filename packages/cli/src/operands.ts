import { CliError } from './cli-error.js';

/**
 * The words an action takes (`keywords delete NAME`): exactly `names.length` of them. An
 * option or an extra word is refused, never ignored: `keywords delete churn --dry-run`
 * must not delete anything. `-` (standard input) is a word; after `--` everything is.
 */
export const operands = <const Names extends readonly string[]>(
  action: string,
  args: readonly string[],
  names: Names,
): { [K in keyof Names]: string } => {
  const usage = `usage: callpulse ${[action, ...names].join(' ')}`;
  const words: string[] = [];
  let onlyWords = false;
  for (const arg of args) {
    if (!onlyWords && arg === '--') onlyWords = true;
    else if (!onlyWords && arg.startsWith('-') && arg !== '-')
      throw new CliError(`${action}: unknown option ${arg}; ${usage}`, 2);
    else words.push(arg);
  }
  if (words.length < names.length) throw new CliError(usage, 2);
  if (words.length > names.length)
    throw new CliError(`${action}: unexpected argument "${words[names.length]}"; ${usage}`, 2);
  return words as { [K in keyof Names]: string };
};
