import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKeywordList, parseKeywordLists } from './parse-keyword-list.js';
import { keywordListSchema } from './schema.js';

const churn = {
  name: 'churn',
  description: 'Customers about to leave',
  speakers: ['customer'],
  enabled: true,
  terms: [
    { term: 'cancel', match: 'stem' },
    { term: 'switch provider', match: 'phrase', slop: 1 },
    { term: 'overcharged', match: 'fuzzy', maxDistance: 1 },
    { term: 'competitor', match: 'exact' },
  ],
};

const errorsOf = (input: unknown) => {
  const result = parseKeywordList(input);
  return result.ok ? [] : result.errors;
};

describe('keywordListSchema', () => {
  it('accepts the documented format unchanged', () => {
    expect(keywordListSchema.parse(churn)).toEqual(churn);
  });

  it('applies defaults: speakers any, enabled, slop 0, maxDistance 1', () => {
    const list = keywordListSchema.parse({
      name: 'x',
      terms: [
        { term: 'a b', match: 'phrase' },
        { term: 'refund', match: 'fuzzy' },
      ],
    });
    expect(list).toEqual({
      name: 'x',
      speakers: ['any'],
      enabled: true,
      terms: [
        { term: 'a b', match: 'phrase', slop: 0 },
        { term: 'refund', match: 'fuzzy', maxDistance: 1 },
      ],
    });
  });

  it('trims terms and drops the fields the store adds (version, updatedAt)', () => {
    const list = keywordListSchema.parse({
      ...churn,
      version: 3,
      updatedAt: '2026-11-28T14:00:00.000Z',
      terms: [{ term: ' cancel ', match: 'exact' }],
    });
    expect(list.terms[0]?.term).toBe('cancel');
    expect(list).not.toHaveProperty('version');
    expect(list).not.toHaveProperty('updatedAt');
  });

  it('refuses unknown fields in the list and in each term, naming their path', () => {
    expect(
      errorsOf({
        name: 'churn',
        Speakers: ['customer'],
        colour: 'red',
        terms: [
          { term: 'overcharged', match: 'fuzzy', maxdistance: 2 },
          { term: 'switch provider', match: 'phrase', Slop: 3 },
          { term: 'cancel', match: 'stem', weight: 2 },
          { term: '', match: 'exact', note: 'x' },
        ],
      }),
    ).toEqual([
      'terms.0.maxdistance: unknown field (did you mean "maxDistance"?)',
      'terms.1.Slop: unknown field (did you mean "slop"?)',
      'terms.2.weight: unknown field',
      'terms.3.term: term must not be blank',
      'terms.3.note: unknown field',
      'Speakers: unknown field (did you mean "speakers"?)',
      'colour: unknown field',
    ]);
  });

  it('parses every list of the example file, and each as GET gives it back', () => {
    const file = JSON.parse(
      readFileSync(
        new URL('../../../../config/keyword-lists.example.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, unknown>[];
    expect(parseKeywordLists(file).ok).toBe(true);
    for (const list of file) {
      const stored = {
        description: '',
        ...list,
        version: 2,
        updatedAt: '2026-11-28T14:00:00.000Z',
      };
      expect(parseKeywordList(stored).ok, String(list.name)).toBe(true);
    }
  });

  it('lets a list listen to a speaker the provider may add (agent)', () => {
    const result = keywordListSchema.safeParse({ ...churn, speakers: ['agent', 'customer'] });
    expect(result.success && result.data.speakers).toEqual(['agent', 'customer']);
  });

  it('names the field and the problem of every error', () => {
    expect(
      errorsOf({
        name: 'Churn List',
        speakers: ['  '],
        terms: [
          { term: '   ', match: 'exact' },
          { term: 'on hold', match: 'phrase', slop: 9 },
          { term: 'refund', match: 'fuzzy', maxDistance: 3 },
          { term: 'bill', match: 'exact', slop: 1 },
          { term: 'cancel', match: 'regex' },
          { term: 'ok', match: 'fuzzy' },
          { term: '!!!', match: 'exact' },
          { term: 'cancel', match: 'stem', maxDistance: 2 },
          'cancel',
        ],
      }),
    ).toEqual([
      'name: name may contain only a-z, 0-9, "_" and "-"',
      'speakers.0: a speaker name is required',
      'terms.0.term: term must not be blank',
      'terms.1.slop: slop must be a whole number from 0 to 5',
      'terms.2.maxDistance: maxDistance 3 needs a term of at least 8 letters or digits ("refund" has 6)',
      'terms.3.slop: slop applies only to phrase terms',
      'terms.4.match: match must be one of "exact", "stem", "phrase", "fuzzy"',
      'terms.5.term: a fuzzy term needs at least 4 letters or digits ("ok" has 2); use exact for short words',
      'terms.6.term: term must contain at least one letter or digit',
      'terms.7.maxDistance: maxDistance applies only to fuzzy terms',
      'terms.8: a term must be an object such as {"term": "cancel", "match": "stem"}',
    ]);
  });

  it('bounds names, terms and term counts', () => {
    expect(errorsOf({ name: '', terms: [] })).toEqual([
      'name: name must not be empty',
      'terms: a list needs at least one term',
    ]);
    expect(
      errorsOf({ name: 'n'.repeat(101), terms: [{ term: 'x'.repeat(201), match: 'exact' }] }),
    ).toEqual([
      'name: name must be at most 100 characters',
      'terms.0.term: term must be at most 200 characters',
    ]);
    const many = Array.from({ length: 1001 }, (_, i) => ({ term: `t${i}`, match: 'exact' }));
    expect(errorsOf({ name: 'big', terms: many })).toEqual([
      'terms: a list may have at most 1000 terms',
    ]);
  });

  it('rejects non-objects with a message, not a crash', () => {
    expect(errorsOf(null)).toEqual(['(list): a keyword list must be a JSON object']);
    expect(errorsOf('churn')).toEqual(['(list): a keyword list must be a JSON object']);
  });
});

describe('keywordListsSchema', () => {
  it('rejects two lists with one name, at the second', () => {
    const result = parseKeywordLists([churn, { ...churn, speakers: ['ai'] }]);
    expect(result).toEqual({ ok: false, errors: ['1.name: duplicate list name "churn"'] });
  });
});
