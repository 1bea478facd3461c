import { describe, expect, it } from 'vitest';
import { evaluateCall } from '../evaluate-call.js';
import {
  answered,
  endedWithTranscript,
  initiated,
  oneRule,
  say,
  tick,
} from '../testing/call-builder.js';

const churn = { said: { list: 'churn' } };
const offer = { said: { list: 'offer' } };

describe('all / any / not', () => {
  it('all holds when its last child first holds, with every child as evidence', () => {
    const rules = oneRule({ all: [churn, offer, { event: 'answered' }] });
    const { decisions } = evaluateCall(
      [initiated(0), answered(1), say(5, 'ai', 'a discount'), say(9, 'customer', 'cancel')],
      rules,
    );
    expect(decisions).toEqual([
      expect.objectContaining({
        atSecond: 9,
        evidence: [
          expect.objectContaining({ speaker: 'customer' }),
          expect.objectContaining({ speaker: 'ai' }),
        ],
      }),
    ]);
  });

  it('any holds at the first child that does', () => {
    const rules = oneRule({ any: [churn, { event: 'error' }] });
    const { decisions } = evaluateCall([initiated(0), say(7, 'customer', 'cancel')], rules);
    expect(decisions.map((d) => d.atSecond)).toEqual([7]);
  });

  it('not without a window waits for the end of the call', () => {
    const rules = oneRule({ not: offer });
    const talk = [initiated(0), answered(1), say(5, 'customer', 'cancel'), tick(500)];
    expect(evaluateCall(talk, rules).decisions).toEqual([]);
    expect(evaluateCall([...talk, endedWithTranscript(600, talk)], rules).matches).toEqual([
      expect.objectContaining({ phase: 'final', basis: 'call_end', atSecond: 600 }),
    ]);
  });

  it('a negative inside all is decided by the event that closes its window', () => {
    const rules = oneRule({
      all: [churn, { not: { said: { terms: ['recorded'], window: { firstSeconds: 30 } } } }],
    });
    const { decisions } = evaluateCall(
      [initiated(0), say(10, 'customer', 'cancel'), say(40, 'ai', 'sure')],
      rules,
    );
    expect(decisions).toEqual([expect.objectContaining({ atSecond: 30, basis: 'event' })]);
  });
});
