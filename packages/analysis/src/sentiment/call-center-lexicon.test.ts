import { describe, expect, it } from 'vitest';
import { CALL_CENTER_LEXICON } from './lexicon/call-center.js';
import { entryWords } from './lexicon/compile-lexicon.js';
import { scoreSentiment } from './score-sentiment.js';

describe('call-center lexicon', () => {
  it.each([
    ['The internet doesn’t work', 'negative'],
    ['I was on hold for an hour', 'negative'],
    ['Then they hung up on me', 'negative'],
    ['I was charged twice this month', 'negative'],
    ["It's still broken", 'negative'],
    ['My order was cancelled', 'negative'],
    ["Great, that's sorted", 'positive'],
    ['You fixed it', 'positive'],
    ['I was overcharged', 'negative'],
    ['I want to speak to a manager', 'negative'],
    ["It's working again", 'positive'],
  ] as const)('%s -> %s', (text, label) => {
    expect(scoreSentiment(text).label).toBe(label);
  });

  it('keeps routine requests and billing words neutral', () => {
    for (const text of [
      "I'd like to change my payment date",
      'I want to pay my bill, please',
      'Yes, I was charged on the third',
      'Can I put you on hold for a moment?',
      'Yeah, hang on',
      'This call may be recorded for quality and training purposes',
    ]) {
      expect(scoreSentiment(text), text).toMatchObject({ score: 0, label: 'neutral' });
    }
  });

  // Every entry, alone, scores its own weight (or nothing, if it only counts negated).
  it.each(CALL_CENTER_LEXICON.map((e) => [e.text, e] as const))(
    '"%s" scores as listed',
    (_, entry) => {
      const { words } = scoreSentiment(entry.text);
      const key = entryWords(entry.text).join(' ');
      if (entry.weight === 0) expect(words).toEqual([]);
      else expect(words).toEqual([{ word: key, weight: entry.weight }]);
    },
  );

  it('gives negation-only words their weight when denied', () => {
    for (const entry of CALL_CENTER_LEXICON.filter((e) => e.weight === 0 && e.negated)) {
      const { words } = scoreSentiment(`never ${entry.text}`);
      expect(words, entry.text).toEqual([
        { word: entryWords(entry.text).join(' '), weight: entry.negated },
      ]);
    }
  });
});
