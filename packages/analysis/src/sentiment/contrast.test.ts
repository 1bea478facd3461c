import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.js';

describe('"but" clauses', () => {
  it('halve what comes before "but" and weigh what follows 1.5 times', () => {
    const { words } = scoreSentiment('The agent was nice but the problem is still there');
    expect(words).toEqual([
      { word: 'nice', weight: 1.5 },
      { word: 'problem', weight: -3 },
    ]);
  });

  it('let the clause after "but" decide the label', () => {
    expect(scoreSentiment("It's not perfect, but it works now").label).toBe('positive');
    expect(scoreSentiment('The technician was lovely but the problem came back').label).toBe(
      'negative',
    );
    expect(scoreSentiment('Great price, however the line is awful').label).toBe('negative');
  });

  it('stay within their sentence', () => {
    const { words } = scoreSentiment('Thanks. It is good but slow.');
    expect(words[0]).toEqual({ word: 'thanks', weight: 2 });
  });
});
