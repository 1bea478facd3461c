import { describe, expect, it } from 'vitest';
import { evaluateCall } from '../evaluate-call.js';
import { initiated, oneRule, say } from '../testing/call-builder.js';
import { closestSet } from './near.js';

const near = (words: number, text: string, speaker?: string) =>
  evaluateCall(
    [initiated(0), say(4, 'customer', text)],
    oneRule({
      near: {
        terms: ['cancel', { term: 'account', match: 'stem' }],
        words,
        ...(speaker ? { speaker } : {}),
      },
    }),
  ).decisions;

describe('near', () => {
  it('holds at exactly N words between the terms, not at N + 1', () => {
    expect(near(2, 'cancel my whole account')).toHaveLength(1);
    expect(near(1, 'cancel my whole account')).toHaveLength(0);
  });

  it('holds in any order, adjacent terms being 0 words apart', () => {
    expect(near(0, 'my accounts cancel')).toHaveLength(1);
  });

  it('reports both hits as evidence, in text order', () => {
    const [match] = near(3, 'please cancel the account now');
    expect(
      match?.evidence.map((e) => 'please cancel the account now'.slice(e.start, e.end)),
    ).toEqual(['cancel', 'account']);
  });

  it('needs every term inside one utterance', () => {
    const split = evaluateCall(
      [initiated(0), say(4, 'customer', 'cancel'), say(5, 'customer', 'account')],
      oneRule({ near: { terms: ['cancel', 'account'], words: 5 } }),
    );
    expect(split.decisions).toEqual([]);
  });

  it('respects the speaker', () => {
    expect(near(2, 'cancel the account', 'ai')).toHaveLength(0);
  });

  it('picks the closest pair among repeats', () => {
    const hit = (w: number) => ({
      list: '#0',
      start: w,
      end: w + 1,
      index: 0,
      firstWord: w,
      lastWord: w,
    });
    expect(
      closestSet(
        [
          [hit(0), hit(10)],
          [hit(5), hit(12)],
        ],
        1,
      ),
    ).toEqual([hit(10), hit(12)]);
    expect(closestSet([[hit(0)], [hit(5)]], 3)).toBeNull();
  });
});
