import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.js';
import { keywordListsSchema } from './keywords/schema.js';
import { LABEL_THRESHOLDS } from './sentiment/label.js';

const analyzer = createAnalyzer({
  lists: keywordListsSchema.parse([
    {
      name: 'mixed',
      terms: [
        { term: 'cancel', match: 'stem' },
        { term: 'on hold', match: 'phrase', slop: 2 },
        { term: 'overcharged', match: 'fuzzy', maxDistance: 2 },
        { term: 'café', match: 'exact' },
      ],
    },
  ]),
});

describe('createAnalyzer', () => {
  it('scores an utterance and finds its hits in one call', () => {
    const { sentiment, hits } = analyzer.analyzeUtterance(
      'I want to cancel, I was overcharged',
      'customer',
    );
    expect(sentiment.label).toBe('negative');
    expect(hits.map((h) => h.term)).toEqual(['cancel', 'overcharged']);
  });

  it('is neutral without hits for empty or blank text', () => {
    for (const text of ['', ' ', '\n\n\t']) {
      expect(analyzer.analyzeUtterance(text, 'customer')).toEqual({
        sentiment: { score: 0, comparative: 0, label: 'neutral', words: [] },
        hits: [],
      });
    }
  });

  it('never throws on any string: emoji, other scripts, broken surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const first = analyzer.analyzeUtterance(text, 'ai');
        const { sentiment, hits } = first;
        // Deterministic, with a label cut where the thresholds say, from scores of words
        // that were found (each within AFINN's ±5, after modifiers), and hits inside the text.
        expect(analyzer.analyzeUtterance(text, 'ai')).toEqual(first);
        expect(sentiment.label).toBe(
          sentiment.comparative >= LABEL_THRESHOLDS.positive
            ? 'positive'
            : sentiment.comparative <= LABEL_THRESHOLDS.negative
              ? 'negative'
              : 'neutral',
        );
        expect(Math.abs(sentiment.score)).toBeLessThanOrEqual(10 * sentiment.words.length);
        if (sentiment.words.length === 0) expect(sentiment.score).toBe(0);
        for (const hit of hits) expect(text.slice(hit.start, hit.end)).toBe(hit.matchedText);
      }),
      { numRuns: 500 },
    );
    for (const text of [
      '😡😡😡 😀',
      'Это ужасно',
      '電話が切れた',
      '\uD83D',
      'a\u0301\u0301\u0301',
    ]) {
      expect(() => analyzer.analyzeUtterance(text, 'customer')).not.toThrow();
    }
  });

  it('handles 50 KB of text, including one 50 KB word', () => {
    const long = 'I was on hold again and want to cancel. '.repeat(1250);
    const { hits, sentiment } = analyzer.analyzeUtterance(long, 'customer');
    expect(hits).toHaveLength(2500);
    expect(sentiment.label).toBe('negative');
    expect(analyzer.analyzeUtterance('x'.repeat(50_000), 'customer').hits).toEqual([]);
    expect(analyzer.analyzeUtterance('overcharged'.repeat(5000), 'customer').hits).toEqual([]);
  });

  it('treats terms as text, never as patterns', () => {
    const literal = createAnalyzer({
      lists: keywordListsSchema.parse([
        { name: 'odd', terms: [{ term: '(a+)+$ .*', match: 'exact' }] },
      ]),
    });
    expect(literal.analyzeUtterance(`${'a'.repeat(5000)}!`, 'customer').hits).toEqual([]);
    expect(literal.analyzeUtterance('say a', 'customer').hits.map((h) => h.matchedText)).toEqual([
      'a',
    ]);
  });
});
