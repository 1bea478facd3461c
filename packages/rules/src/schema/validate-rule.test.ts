import { describe, expect, it } from 'vitest';
import { validateRule, validateRules } from './validate-rule.js';

const lists = ['churn', 'offer'];
const base = { name: 'retention-not-offered', severity: 'high' };

const errorsOf = (json: unknown) => {
  const result = validateRule(json, { lists });
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('validateRule', () => {
  it('applies the defaults', () => {
    const result = validateRule({ ...base, when: { said: { list: 'churn' } } }, { lists });
    expect(result).toEqual({
      ok: true,
      value: {
        ...base,
        enabled: true,
        notify: [],
        notifyOn: ['fired'],
        when: { said: { list: 'churn', atLeast: 1 } },
      },
    });
  });

  it('names the path of a bad number deep in the condition', () => {
    const when = {
      all: [
        { event: 'answered' },
        {
          notFollowedBy: {
            first: { said: { list: 'churn' } },
            then: { said: { list: 'offer' } },
            withinSeconds: -5,
          },
        },
      ],
    };
    expect(errorsOf({ ...base, when })).toEqual([
      'when.all[1].notFollowedBy.withinSeconds: expected a positive number',
    ]);
  });

  it('rejects a destination it does not know when destinations are given', () => {
    const rule = { ...base, when: { event: 'missed' }, notify: ['ops', 'pager'] };
    const result = validateRule(rule, { lists, destinations: ['ops'] });
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'notify[1]', message: 'unknown destination "pager"' },
    ]);
    expect(validateRule(rule, { lists }).ok).toBe(true);
    const many = validateRules([rule], { lists, destinations: [] });
    expect(many.ok ? [] : many.errors.map((e) => e.path)).toEqual([
      '[0].notify[0]',
      '[0].notify[1]',
    ]);
  });

  it('rejects a list it does not know instead of never matching', () => {
    expect(errorsOf({ ...base, when: { not: { said: { list: 'refunds' } } } })).toEqual([
      'when.not.said.list: unknown keyword list "refunds"',
    ]);
  });

  it('wants exactly one operator per condition, and only known ones', () => {
    expect(errorsOf({ ...base, when: { said: { list: 'churn' }, event: 'missed' } })).toEqual([
      expect.stringMatching(/^when: expected an object with exactly one of said, near/),
    ]);
    expect(errorsOf({ ...base, when: { saying: {} } })[0]).toMatch(
      /^when: unknown operator "saying"/,
    );
    expect(errorsOf({ ...base, when: [] })[0]).toMatch(/^when: expected an object/);
  });

  it('names misspelt fields and missing choices', () => {
    expect(errorsOf({ ...base, when: { longerThan: { second: 60 } } })).toEqual([
      'when.longerThan.seconds: expected a positive number',
      'when.longerThan: unknown field "second"',
    ]);
    expect(errorsOf({ ...base, when: { said: { speaker: 'ai' } } })).toEqual([
      'when.said: expected exactly one of "list" and "terms"',
    ]);
    expect(
      errorsOf({ ...base, when: { sentiment: { speaker: 'customer', overLast: 3 } } }),
    ).toEqual(['when.sentiment: expected exactly one of "below" and "above"']);
    expect(errorsOf({ ...base, when: { event: 'hung_up' } })).toEqual([
      'when.event: expected one of "answered", "missed", "error", "ended"',
    ]);
  });

  it('checks windows and term objects as keyword lists do', () => {
    expect(
      errorsOf({
        ...base,
        when: { said: { terms: ['recorded'], window: { firstSeconds: 30, lastSeconds: 10 } } },
      }),
    ).toEqual([
      'when.said.window: expected {"firstSeconds": N}, {"lastSeconds": N} or {"fromSecond": A, "toSecond": B}',
    ]);
    expect(
      errorsOf({
        ...base,
        when: { said: { terms: ['x'], window: { fromSecond: 20, toSecond: 10 } } },
      }),
    ).toEqual(['when.said.window.toSecond: expected toSecond ≥ fromSecond']);
    expect(
      errorsOf({ ...base, when: { said: { terms: [{ term: 'bil', match: 'fuzzy' }] } } }),
    ).toEqual([expect.stringMatching(/^when\.said\.terms\[0\]\.term: a fuzzy term needs/)]);
  });

  it('accepts any speaker name, so a new speaker type needs no schema change', () => {
    const when = { said: { terms: ['hello'], speaker: 'agent' } };
    expect(validateRule({ ...base, when }, { lists }).ok).toBe(true);
    expect(errorsOf({ ...base, when: { said: { terms: ['hello'], speaker: '' } } })[0]).toMatch(
      /^when\.said\.speaker: expected a speaker name/,
    );
  });

  it('checks the rule fields', () => {
    expect(
      errorsOf({ name: 'Bad Name', severity: 'urgent', when: { event: 'missed' }, notfy: [] }),
    ).toEqual([
      'name: expected only a-z, 0-9, "_" and "-"',
      'severity: expected one of "info", "low", "medium", "high", "critical"',
      '(rule): unknown field "notfy"',
    ]);
  });
});

describe('validateRules', () => {
  it('prefixes paths with the index and rejects duplicate names', () => {
    const result = validateRules(
      [
        { ...base, when: { event: 'missed' } },
        { ...base, when: { event: 'missed' } },
        { ...base, name: 'x', when: { said: { list: 'nope' } } },
      ],
      { lists },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: '[1].name', message: 'duplicate rule name "retention-not-offered"' },
        { path: '[2].when.said.list', message: 'unknown keyword list "nope"' },
      ],
    });
  });
});
