import { createAnalyzer, type KeywordList } from '@callpulse/analysis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnList, offerList, ruleSetOf } from '../testing/call-builder.js';
import { hitsOf, type TextAnalysis } from './text-analysis.js';

// Lists of every kind a rule may name: for any speaker (shared with the analyzer), for one
// speaker, disabled; exact, phrase, stem and fuzzy terms.
const lists: KeywordList[] = [
  churnList,
  offerList,
  {
    name: 'billing',
    speakers: ['any'],
    enabled: true,
    terms: [
      { term: 'refund', match: 'stem' },
      { term: 'invoice', match: 'fuzzy', maxDistance: 1 },
      { term: 'late fee', match: 'phrase', slop: 1 },
    ],
  },
  {
    name: 'legacy',
    speakers: ['any'],
    enabled: false,
    terms: [{ term: 'fax', match: 'exact' }],
  },
];

const rules = ruleSetOf(
  [
    { when: { said: { list: 'billing' } } },
    { when: { said: { list: 'churn', speaker: 'any' } } },
    { when: { said: { list: 'offer' } } },
    { when: { said: { list: 'legacy' } } },
    { when: { near: { terms: ['late', 'again'], words: 2 } } },
    { when: { said: { terms: [{ term: 'manager', match: 'stem' }] } } },
  ],
  lists,
);

/** What the rules read of an analysis: the sentiment and each named list's hit spans. */
const asRulesSeeIt = (analysis: TextAnalysis) => ({
  comparative: analysis.comparative,
  hits: [...new Set(rules.rules.flatMap((r) => [...r.watch.lists]))]
    .sort()
    .map((list) => [list, hitsOf(analysis, list).map((h) => [h.start, h.end])]),
});

const WORDS = ['refund', 'refunds', 'invoise', 'late', 'the', 'fee', 'again', 'cancel'];
const MORE = ['discount', 'fax', 'managers', 'special', 'offer', 'switch', 'provider', 'ok'];

describe('rule text analysis taken from the pipeline analyzer', () => {
  it('equals the rules analyzing the text themselves, for any speaker', () => {
    const analyzer = createAnalyzer({ lists });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS, ...MORE), { maxLength: 12 }).map((w) => w.join(' ')),
        fc.constantFrom('customer', 'ai', 'agent-7'),
        (text, speaker) => {
          const fresh = asRulesSeeIt(rules.analyze(text));
          // A rule set is compiled once; a new one learns what an analyzer found.
          const again = ruleSetOf(
            rules.rules.map((r) => r.source),
            lists,
          );
          again.learn(text, analyzer.analyzeTokenized(text, speaker));
          expect(asRulesSeeIt(again.analyze(text))).toEqual(fresh);
        },
      ),
      { numRuns: 300, seed: 21 },
    );
  });

  it('matches a shared list under its own name and other lists under rule-only names', () => {
    const { lists } = rules.analyze('a refund and a discount');
    expect(lists).toContain('billing');
    expect(lists.some((k) => k.startsWith('#'))).toBe(true);
  });
});
