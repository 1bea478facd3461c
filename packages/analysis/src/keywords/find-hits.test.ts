import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.js';
import { keywordListsSchema } from './schema.js';

const lists = keywordListsSchema.parse([
  {
    name: 'churn',
    speakers: ['customer'],
    terms: [
      { term: 'cancel', match: 'stem' },
      { term: 'switch provider', match: 'phrase', slop: 1 },
      { term: 'overcharged', match: 'fuzzy' },
      { term: 'competitor', match: 'exact' },
    ],
  },
  { name: 'apology', speakers: ['ai'], terms: [{ term: 'sorry', match: 'exact' }] },
  { name: 'anyone', speakers: ['any'], terms: [{ term: 'manager', match: 'exact' }] },
  { name: 'paused', enabled: false, terms: [{ term: 'cancel', match: 'exact' }] },
]);
const analyzer = createAnalyzer({ lists });

describe('keyword hits', () => {
  it('report list, term, mode, matched text, offsets and speaker', () => {
    const text = 'I’ll CANCEL — your Competitor’s cheaper; I was overchraged.';
    expect(analyzer.analyzeUtterance(text, 'customer').hits).toEqual([
      {
        list: 'churn',
        term: 'cancel',
        match: 'stem',
        matchedText: 'CANCEL',
        start: 5,
        end: 11,
        speaker: 'customer',
      },
      {
        list: 'churn',
        term: 'competitor',
        match: 'exact',
        matchedText: 'Competitor’s',
        start: 19,
        end: 31,
        speaker: 'customer',
      },
      {
        list: 'churn',
        term: 'overcharged',
        match: 'fuzzy',
        matchedText: 'overchraged',
        start: 47,
        end: 58,
        speaker: 'customer',
      },
    ]);
  });

  it('give offsets into the original text, whatever the text', () => {
    const words = fc.constantFrom(
      'cancel',
      'Cancelled',
      'switch',
      'my',
      'provider',
      'Managér',
      'overchargd',
      'sorry',
    );
    const glue = fc.constantFrom(' ', ', ', '... ', ' 👍 ', '\n', ' — ', 'ß ', ' Ǆ ');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(words, glue), { maxLength: 12 }),
        fc.string(),
        (parts, noise) => {
          const text = noise + parts.map(([w, g]) => w + g).join('');
          for (const speaker of ['customer', 'ai'] as const) {
            for (const hit of analyzer.analyzeUtterance(text, speaker).hits) {
              expect(text.slice(hit.start, hit.end)).toBe(hit.matchedText);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('follow each list’s speakers: "any" is both', () => {
    const text = 'Sorry, let me get a manager before you cancel';
    const listsFor = (speaker: 'customer' | 'ai') =>
      analyzer.analyzeUtterance(text, speaker).hits.map((h) => h.list);
    expect(listsFor('customer')).toEqual(['anyone', 'churn']);
    expect(listsFor('ai')).toEqual(['apology', 'anyone']);
  });

  it('never come from disabled lists', () => {
    const hits = analyzer.analyzeUtterance('cancel', 'customer').hits;
    expect(hits.map((h) => h.list)).toEqual(['churn']);
  });

  it('are none for empty text or an analyzer without lists', () => {
    expect(analyzer.analyzeUtterance('   ', 'customer').hits).toEqual([]);
    expect(createAnalyzer().analyzeUtterance('cancel', 'customer').hits).toEqual([]);
  });
});
