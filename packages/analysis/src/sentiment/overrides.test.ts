import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.js';
import { scoreSentiment } from './score-sentiment.js';

describe('operator overrides', () => {
  it('set a word weight over AFINN and the call-center lexicon', () => {
    expect(scoreSentiment('that is sorted').words).toEqual([{ word: 'sorted', weight: 2 }]);
    expect(scoreSentiment('that is sorted', { overrides: { sorted: 3 } }).words).toEqual([
      { word: 'sorted', weight: 3 },
    ]);
  });

  it('add words and phrases the lexicons lack, folded like text', () => {
    const analyzer = createAnalyzer({ overrides: { Kerfuffle: -2, 'Port Out': -3 } });
    expect(analyzer.analyzeUtterance('what a kerfuffle', 'customer').sentiment.score).toBe(-2);
    expect(analyzer.analyzeUtterance('I want a port-out', 'customer').sentiment.score).toBe(-3);
  });

  it('silence a word with weight 0', () => {
    expect(scoreSentiment('free upgrade', { overrides: { free: 0 } }).score).toBe(0);
  });

  it('are negated like AFINN words', () => {
    expect(scoreSentiment('not sorted', { overrides: { sorted: 2 } }).score).toBe(-1.48);
  });

  it('stay with their analyzer (regression: sentiment#analyze extras leak into every caller)', () => {
    createAnalyzer({ overrides: { happy: -5 } });
    expect(scoreSentiment('happy').score).toBe(3);
    expect(createAnalyzer().analyzeUtterance('happy', 'ai').sentiment.score).toBe(3);
  });

  it('are rejected when they hold no word or no finite weight', () => {
    expect(() => createAnalyzer({ overrides: { '!!': 1 } })).toThrow(/contains no word/);
    expect(() => createAnalyzer({ overrides: { ok: Number.NaN } })).toThrow(/finite/);
  });
});
