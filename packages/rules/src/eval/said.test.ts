import { describe, expect, it } from 'vitest';
import { evaluateCall } from '../evaluate-call.js';
import { sweep } from '../step.js';
import {
  answered,
  endedWithTranscript,
  initiated,
  oneRule,
  say,
  tick,
} from '../testing/call-builder.js';

const withEnd = (end: number, ...events: ReturnType<typeof say>[]) => [
  ...events,
  endedWithTranscript(end, events),
];

describe('said', () => {
  it('fires live on the hit, with the hit as evidence', () => {
    const rules = oneRule({ said: { list: 'churn' } });
    const { decisions } = evaluateCall(
      [initiated(0), answered(2), say(10, 'customer', 'I want to cancel my plan')],
      rules,
    );
    expect(decisions).toEqual([
      expect.objectContaining({
        rule: 'r',
        ruleVersion: 1,
        phase: 'live',
        status: 'fired',
        basis: 'event',
        atSecond: 10,
        evidence: [
          {
            speaker: 'customer',
            text: 'I want to cancel my plan',
            start: 10,
            end: 16,
            atSecond: 10,
            eventId: 'say-10-customer-I want to cancel my plan',
          },
        ],
      }),
    ]);
  });

  it("listens to the list's speakers unless the rule names one", () => {
    const byList = oneRule({ said: { list: 'churn' } });
    const anyone = oneRule({ said: { list: 'churn', speaker: 'any' } });
    const events = [initiated(0), say(5, 'ai', 'you can cancel any time')];
    expect(evaluateCall(events, byList).decisions).toEqual([]);
    expect(evaluateCall(events, anyone).decisions).toHaveLength(1);
  });

  it('works for a speaker type the provider adds later', () => {
    const rules = oneRule({ said: { terms: ['transfer'], speaker: 'agent' } });
    const events = [initiated(0), say(5, 'ai', 'transfer'), say(8, 'agent', 'I will transfer you')];
    expect(evaluateCall(events, rules).decisions.map((d) => d.atSecond)).toEqual([8]);
  });

  it('counts hits for atLeast, across utterances', () => {
    const rules = oneRule({ said: { list: 'churn', atLeast: 2 } });
    const { decisions } = evaluateCall(
      [initiated(0), say(5, 'customer', 'cancel'), say(9, 'customer', 'I said cancel it')],
      rules,
    );
    expect(decisions.map((d) => [d.atSecond, d.evidence.map((e) => e.atSecond)])).toEqual([
      [9, [5, 9]],
    ]);
  });

  it('only counts hits inside a firstSeconds window (inclusive)', () => {
    const rules = oneRule({ said: { terms: ['recorded'], window: { firstSeconds: 30 } } });
    const inside = [initiated(0), say(30, 'ai', 'this call is recorded')];
    const outside = [initiated(0), say(31, 'ai', 'this call is recorded')];
    expect(evaluateCall(inside, rules).decisions).toHaveLength(1);
    expect(evaluateCall(outside, rules).decisions).toHaveLength(0);
  });

  it('decides a lastSeconds window only at the end', () => {
    const rules = oneRule({ said: { terms: ['goodbye'], window: { lastSeconds: 10 } } });
    const early = say(20, 'ai', 'goodbye for now');
    const late = say(55, 'ai', 'goodbye');
    const { decisions } = evaluateCall(
      [initiated(0), early, late, ...withEnd(60, early, late)],
      rules,
    );
    expect(decisions).toEqual([
      expect.objectContaining({ phase: 'final', status: 'fired', basis: 'call_end', atSecond: 55 }),
    ]);
  });

  it('keeps to a fromSecond..toSecond window', () => {
    const rules = oneRule({ said: { list: 'churn', window: { fromSecond: 10, toSecond: 20 } } });
    const hits = (s: number) =>
      evaluateCall([initiated(0), say(s, 'customer', 'cancel')], rules).decisions.length;
    expect([hits(9), hits(10), hits(20), hits(21)]).toEqual([0, 1, 1, 0]);
  });

  it('not said in a window: decided by a later event, the sweep, or the end', () => {
    const rules = oneRule({ not: { said: { terms: ['recorded'], window: { firstSeconds: 30 } } } });
    const quiet = [initiated(0), answered(2), say(12, 'ai', 'hello, how can I help?')];

    // A later event shows the window closed; at exactly 30 s it may still be said.
    expect(evaluateCall([...quiet, tick(30)], rules).decisions).toEqual([]);
    expect(evaluateCall([...quiet, tick(31)], rules).decisions).toEqual([
      expect.objectContaining({ basis: 'event', atSecond: 30, phase: 'live' }),
    ]);

    // No later event: the sweep decides once provider time is past the window.
    const { state } = evaluateCall(quiet, rules);
    expect(sweep(state, 1_760_084_500 + 30, rules).decisions).toEqual([]);
    const swept = sweep(state, 1_760_084_500 + 45, rules);
    expect(swept.decisions).toEqual([
      expect.objectContaining({ basis: 'deadline', atSecond: 30, phase: 'live' }),
    ]);
    expect(sweep(swept.state, 1_760_084_500 + 90, rules).decisions).toEqual([]);

    // A call that ends inside the window: decided by the end, at the end.
    const short = evaluateCall(
      [...quiet, endedWithTranscript(20, [say(12, 'ai', 'hello, how can I help?')])],
      rules,
    );
    expect(short.decisions).toEqual([
      expect.objectContaining({ basis: 'call_end', atSecond: 20, phase: 'final' }),
    ]);

    // Said in time: never fires.
    expect(
      evaluateCall([initiated(0), say(8, 'ai', 'this call is recorded'), tick(40)], rules)
        .decisions,
    ).toEqual([]);
  });
});
