import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.js';

const weightOf = (text: string, word: string) =>
  scoreSentiment(text).words.find((w) => w.word === word)?.weight;

describe('degree words', () => {
  it('boost the next sentiment word by 30 %', () => {
    expect(weightOf('helpful', 'helpful')).toBe(2);
    expect(weightOf('very helpful', 'helpful')).toBe(2.6);
    expect(weightOf('extremely slow', 'slow')).toBe(-1.95);
  });

  it('boost half as much one word further away, and multiply', () => {
    expect(weightOf('so very helpful', 'helpful')).toBeCloseTo(2 * 1.3 * 1.15, 3);
    expect(weightOf('really a helpful', 'helpful')).toBeCloseTo(2 * 1.15, 3);
  });

  it('dampen with "a bit", "slightly", "barely"', () => {
    expect(weightOf('a bit slow', 'slow')).toBe(-1.05);
    expect(weightOf('slightly annoying', 'annoying')).toBe(-1.4);
  });

  it('count "still" as persistence: still bad is worse', () => {
    expect(weightOf('still slow', 'slow')).toBeLessThan(weightOf('slow', 'slow') ?? 0);
  });

  it('stack with negation', () => {
    expect(weightOf('not very helpful', 'helpful')).toBeCloseTo(2 * -0.74 * 1.3, 3);
  });

  it('do not reach across punctuation', () => {
    expect(weightOf('very, helpful', 'helpful')).toBe(2);
  });
});
