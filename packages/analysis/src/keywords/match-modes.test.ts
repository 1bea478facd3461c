import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.js';
import { keywordListSchema, type KeywordListInput } from './schema.js';

const hitsIn = (text: string, ...terms: KeywordListInput['terms']) =>
  createAnalyzer({ lists: [keywordListSchema.parse({ name: 'test', terms })] })
    .analyzeUtterance(text, 'customer')
    .hits.map((h) => h.matchedText);

describe('exact terms', () => {
  it('match whole words, ignoring case and accents', () => {
    const term = { term: 'café', match: 'exact' } as const;
    expect(hitsIn('Meet at the CAFE, or the Café', term)).toEqual(['CAFE', 'Café']);
    expect(hitsIn('cafeteria', term)).toEqual([]);
  });

  it('match a possessive, and contractions with or without the apostrophe', () => {
    expect(hitsIn("Vodafone's offer", { term: 'vodafone', match: 'exact' })).toEqual([
      "Vodafone's",
    ]);
    expect(hitsIn('I cant pay, I can’t', { term: "can't", match: 'exact' })).toEqual([
      'cant',
      'can’t',
    ]);
    expect(hitsIn("O'Brien or OBrien", { term: "o'brien", match: 'exact' })).toEqual([
      "O'Brien",
      'OBrien',
    ]);
  });

  it('do not match a word that only loses an apostrophe ("hell" is not "he\'ll")', () => {
    expect(hitsIn("he'll call", { term: 'hell', match: 'exact' })).toEqual([]);
  });

  it('of several words match them in a row', () => {
    expect(
      hitsIn('my credit card, credit the card', { term: 'credit card', match: 'exact' }),
    ).toEqual(['credit card']);
  });
});

describe('stem terms', () => {
  it('match every inflection and derivation with the Porter stem', () => {
    const term = { term: 'cancel', match: 'stem' } as const;
    expect(hitsIn('cancel cancelled cancelling cancellation Cancels', term)).toEqual([
      'cancel',
      'cancelled',
      'cancelling',
      'cancellation',
      'Cancels',
    ]);
    expect(hitsIn('canal candle', term)).toEqual([]);
  });

  it('of several words match them in a row', () => {
    expect(hitsIn('Switching providers now', { term: 'switch provider', match: 'stem' })).toEqual([
      'Switching providers',
    ]);
  });
});

describe('phrase terms', () => {
  it('match across punctuation and case', () => {
    const term = { term: 'switch provider', match: 'phrase' } as const;
    expect(hitsIn('I will SWITCH... Provider!', term)).toEqual(['SWITCH... Provider']);
    expect(hitsIn('switch my provider', term)).toEqual([]);
  });

  it('allow up to `slop` extra words in total, in order', () => {
    const slop1 = { term: 'switch provider', match: 'phrase', slop: 1 } as const;
    const slop2 = { term: 'switch provider', match: 'phrase', slop: 2 } as const;
    expect(hitsIn('switch my provider', slop1)).toEqual(['switch my provider']);
    expect(hitsIn('switch to another provider', slop1)).toEqual([]);
    expect(hitsIn('switch to another provider', slop2)).toEqual(['switch to another provider']);
    expect(hitsIn('provider switch', slop2)).toEqual([]);
    expect(
      hitsIn('speak to a manager now', { term: 'speak manager now', match: 'phrase', slop: 2 }),
    ).toEqual(['speak to a manager now']);
  });
});

describe('fuzzy terms', () => {
  it('match transcription errors within maxDistance, swaps included', () => {
    const term = { term: 'overcharged', match: 'fuzzy' } as const;
    expect(hitsIn('overcharged overchraged overcharge overcharged', term)).toHaveLength(4);
    expect(hitsIn('overchrgd', term)).toEqual([]);
    expect(hitsIn('overchrgd', { term: 'overcharged', match: 'fuzzy', maxDistance: 2 })).toEqual([
      'overchrgd',
    ]);
  });

  it('of several words sum their edits', () => {
    const term = { term: 'switch provider', match: 'fuzzy' } as const;
    expect(hitsIn('swich provider', term)).toEqual(['swich provider']);
    expect(hitsIn('swich provder', term)).toEqual([]);
  });
});
