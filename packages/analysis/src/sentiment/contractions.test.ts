import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.js';

describe('contractions', () => {
  it('reads "can\'t", "cant" and "can’t" alike', () => {
    const scores = ["I can't complain", 'I cant complain', 'I can’t complain'].map(
      (t) => scoreSentiment(t).score,
    );
    expect(scores[0]).toBeGreaterThan(0);
    expect(new Set(scores).size).toBe(1);
  });

  it.each(["doesn't", 'doesnt', 'doesn’t', 'does not', "didn't", 'didnt', "won't", 'wont'])(
    'negates with "%s"',
    (negator) => {
      expect(scoreSentiment(`it ${negator} work`).label).toBe('negative');
    },
  );

  it("matches AFINN's contraction phrases with or without the apostrophe", () => {
    expect(scoreSentiment("I can't stand it").score).toBe(scoreSentiment('I cant stand it').score);
    expect(scoreSentiment("I don't like it").score).toBe(scoreSentiment('I dont like it').score);
    expect(scoreSentiment("I don't like it").label).toBe('negative');
  });
});
