import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { parseKeywordListsJson } from './keywords.js';

// Regression: the CLI had its own copy of the keyword-list parser; it now uses the
// analysis package's, so the CLI, the API and files report the same problems.
describe('parseKeywordListsJson', () => {
  const list = { name: 'churn', terms: [{ term: 'cancel', match: 'stem' }] };

  it('takes one list or an array of lists, with defaults applied', () => {
    expect(parseKeywordListsJson(JSON.stringify(list), 'f.json')).toEqual([
      expect.objectContaining({ name: 'churn', speakers: ['any'], enabled: true }),
    ]);
    expect(parseKeywordListsJson(JSON.stringify([list, { ...list, name: 'b' }]), 'f')).toHaveLength(
      2,
    );
  });

  it('names the file and the problem, with its path', () => {
    const bad = JSON.stringify([
      list,
      { ...list, name: 'b', terms: [{ term: 'x', match: 'regex' }] },
    ]);
    const run = () => parseKeywordListsJson(bad, 'lists.json');
    expect(run).toThrow(CliError);
    expect(run).toThrow(
      /^lists\.json: invalid keyword list: 1\.terms\.0\.match: match must be one of/,
    );
    expect(() => parseKeywordListsJson(JSON.stringify([list, list]), 'two.json')).toThrow(
      'two.json: invalid keyword list: 1.name: duplicate list name "churn"',
    );
  });

  it('says when the file is not JSON', () => {
    expect(() => parseKeywordListsJson('{nope', 'x.json')).toThrow(/^x\.json: not JSON: /);
  });
});
