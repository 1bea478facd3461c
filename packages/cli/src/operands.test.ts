import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { operands } from './operands.js';

const failure = (run: () => unknown): CliError => {
  try {
    run();
  } catch (error) {
    return error as CliError;
  }
  throw new Error('expected a refusal');
};

describe('operands', () => {
  it('takes exactly the words an action names', () => {
    expect(operands('keywords delete', ['churn'], ['NAME'])).toEqual(['churn']);
    expect(operands('keywords set', ['-'], ['FILE'])).toEqual(['-']);
    expect(operands('keywords list', [], [])).toEqual([]);
    expect(operands('rules get', ['--', '-odd'], ['NAME'])).toEqual(['-odd']);
  });

  it('refuses an option it does not know instead of ignoring it', () => {
    const run = () => operands('keywords delete', ['churn', '--dry-run'], ['NAME']);
    expect(run).toThrow(CliError);
    expect(run).toThrow(
      'keywords delete: unknown option --dry-run; usage: callpulse keywords delete NAME',
    );
  });

  it('refuses a missing or an extra word with the usage', () => {
    expect(() => operands('rules get', [], ['NAME'])).toThrow('usage: callpulse rules get NAME');
    expect(() => operands('rules list', ['all'], [])).toThrow(
      'rules list: unexpected argument "all"; usage: callpulse rules list',
    );
    // A usage mistake, as for Node's own argument parser.
    expect(failure(() => operands('rules delete', ['a', 'b'], ['NAME'])).exitCode).toBe(2);
  });
});
