import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.js';

const weightOf = (text: string, word: string) =>
  scoreSentiment(text).words.find((w) => w.word === word)?.weight;

describe('negation', () => {
  it.each([
    ["I'm not happy with this", 'negative'],
    ["It isn't fixed", 'negative'],
    ['The last agent was never helpful', 'negative'],
    ['No problem', 'positive'],
    ['No worries', 'positive'],
    ["Can't complain", 'positive'],
    ["That's not bad at all", 'positive'],
    ['Nobody was helpful', 'negative'],
  ] as const)('%s -> %s', (text, label) => {
    expect(scoreSentiment(text).label).toBe(label);
  });

  it('flips and weakens the negated word (74 %)', () => {
    expect(weightOf('happy', 'happy')).toBe(3);
    expect(weightOf('not happy', 'happy')).toBe(-2.22);
  });

  it('reaches up to three words back', () => {
    expect(weightOf("it isn't really that helpful", 'helpful')).toBeLessThan(0);
    expect(weightOf('not that I would say it was helpful', 'helpful')).toBeGreaterThan(0);
  });

  it('stops at punctuation: "No, that\'s fine" answers, it does not negate', () => {
    expect(scoreSentiment("No, that's fine").label).toBe('positive');
    expect(scoreSentiment('No. Great, thanks').label).toBe('positive');
  });

  it('stops at "but"', () => {
    expect(weightOf('not the fastest but helpful', 'helpful')).toBeGreaterThan(0);
  });

  it('makes words that state an expectation count only when denied', () => {
    expect(scoreSentiment('I work from home').score).toBe(0);
    expect(scoreSentiment("It doesn't work").label).toBe('negative');
    expect(scoreSentiment('The parcel never arrived').label).toBe('negative');
    expect(scoreSentiment('Nobody called me back').label).toBe('negative');
  });

  it('does not turn a complaint about an event into praise', () => {
    expect(scoreSentiment("Don't put me on hold again").label).toBe('negative');
    expect(scoreSentiment('I never asked for it to be cancelled').label).toBe('negative');
  });
});
