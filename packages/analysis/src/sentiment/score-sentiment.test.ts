import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.js';

describe('scoreSentiment', () => {
  it('reports the score as the sum of the words that drove it', () => {
    const result = scoreSentiment('Great service, but the wait was awful and the app is useless!');
    const sum = result.words.reduce((s, w) => s + w.weight, 0);
    expect(result.score).toBeCloseTo(sum, 6);
    expect(result.label).toBe('negative');
  });

  it('gives comparative as score per word', () => {
    expect(scoreSentiment('thanks a lot')).toMatchObject({ score: 2, comparative: 0.6667 });
  });

  it('is neutral with no words for empty or blank text', () => {
    for (const text of ['', '   ', '\n\t', '...', '👍']) {
      expect(scoreSentiment(text)).toEqual({
        score: 0,
        comparative: 0,
        label: 'neutral',
        words: [],
      });
    }
  });

  it('strengthens a score with exclamation marks, at most three', () => {
    expect(scoreSentiment('great!').words.at(-1)).toEqual({ word: '!', weight: 0.35 });
    expect(scoreSentiment('awful!!!!!!').words.at(-1)).toEqual({ word: '!', weight: -1.05 });
    expect(scoreSentiment('ok!').words).toEqual([]);
  });

  it('strengthens a shouted word among ordinary ones', () => {
    expect(scoreSentiment('this is AWFUL').words).toEqual([{ word: 'awful', weight: -3.9 }]);
    expect(scoreSentiment('THIS IS AWFUL').words).toEqual([{ word: 'awful', weight: -3 }]);
  });

  it('reads emoticons and drawn-out words', () => {
    expect(scoreSentiment('see you :)').label).toBe('positive');
    expect(scoreSentiment('sooo goood').words).toEqual([{ word: 'goood', weight: 3 }]);
  });

  it('prefers the longest lexicon phrase', () => {
    expect(scoreSentiment('it does not work').words).toEqual([
      { word: 'does not work', weight: -3 },
    ]);
  });
});
