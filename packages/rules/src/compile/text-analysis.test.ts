import { createAnalyzer, type KeywordList } from '@callpulse/analysis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallState } from '../state/call-state.js';
import { compileRules } from './compile-rules.js';
import { step } from '../step.js';
import { churnList, initiated, offerList, ruleSetOf, say } from '../testing/call-builder.js';
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

describe('analyses learned from the pipeline analyzer', () => {
  // A learned analysis the rules' own analyzer would never make (no text scores 999): a
  // rule that fires on it shows the step read what was learned, not a fresh analysis.
  const marked = (text: string) => {
    const analyzed = createAnalyzer({ lists: [churnList, offerList] }).analyzeTokenized(
      text,
      'customer',
    );
    return { ...analyzed, sentiment: { ...analyzed.sentiment, comparative: 999 } };
  };
  const elated = () =>
    ruleSetOf([{ name: 'elated', when: { sentiment: { speaker: 'customer', above: 100 } } }]);

  it('are read by the steps of a whole chunk learned first, as the analyzer service does', () => {
    const set = elated();
    const calls = Array.from({ length: 50 }, (_, i) => `call ${i}`);
    // The service analyzes (and learns) every message of a chunk, then steps them all.
    for (const text of calls) set.learn(text, marked(text));
    const fired = calls.filter((text) => {
      const first = step(createCallState(), initiated(0), set).state;
      return step(first, say(1, 'customer', text), set).decisions.length > 0;
    });
    expect(fired).toEqual(calls);
  });

  it("stay with a live call's utterances when they have left the cache", () => {
    const source = ruleSetOf([
      { name: 'elated', when: { sentiment: { speaker: 'customer', above: 600, overLast: 3 } } },
    ]).rules.map((r) => r.source);
    // A cache of one: each text learned pushes the one before out.
    const set = compileRules(source, { lists: [churnList, offerList], cacheSize: 1 }).ruleSet;
    let state = step(createCallState(), initiated(0), set).state;
    set.learn('first words', marked('first words'));
    state = step(state, say(2, 'customer', 'first words'), set).state;
    // A late fragment, from before the first: the call's utterances are read again.
    set.learn('late words', createAnalyzer().analyzeTokenized('late words', 'customer'));
    state = step(state, say(1, 'customer', 'late words'), set).state;
    set.learn('last words', marked('last words'));
    // (0 + 999 + 999) / 3 > 600 only if "first words" kept its learned analysis.
    const { decisions } = step(state, say(3, 'customer', 'last words'), set);
    expect(decisions.map((d) => d.rule)).toEqual(['elated']);
  });
});
