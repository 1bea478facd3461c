import { describe, expect, it } from 'vitest';
import { compileRules } from './compile/compile-rules.js';
import { evaluateCall } from './evaluate-call.js';
import { validateRule } from './schema/validate-rule.js';
import { createCallState, type CallState } from './state/call-state.js';
import type { RuleEvent } from './state/rule-event.js';
import { step } from './step.js';
import {
  churnList,
  answered,
  ended,
  endedWithTranscript,
  failed,
  initiated,
  oneRule,
  offerList,
  say,
  tick,
} from './testing/call-builder.js';

const retention = oneRule({
  notFollowedBy: {
    first: { said: { list: 'churn' } },
    then: { said: { list: 'offer' } },
    withinSeconds: 60,
  },
});

describe('step', () => {
  it('ignores a duplicate event (same id), so hits are not counted twice', () => {
    const twice = oneRule({ said: { list: 'churn', atLeast: 2 } });
    const churn = say(5, 'customer', 'cancel');
    expect(evaluateCall([initiated(0), churn, churn, churn], twice).decisions).toEqual([]);
  });

  it('places a late fragment at its provider time', () => {
    // The offer (at 30 s) arrives after an event at 75 s, which already decided the rule.
    const events = [initiated(0), say(10, 'customer', 'cancel'), say(30, 'ai', 'a discount')];
    const outOfOrder = [events[0], events[1], tick(75), events[2]] as RuleEvent[];
    const { decisions } = evaluateCall(outOfOrder, retention);
    // Live decisions stand; the final pass, which sees the offer in time, retracts it.
    expect(decisions.map((d) => `${d.phase}/${d.status}`)).toEqual(['live/fired']);
    const withEnd = evaluateCall([...outOfOrder, endedWithTranscript(90, events)], retention);
    expect(withEnd.matches.map((d) => `${d.phase}/${d.status}`)).toEqual(['live/retracted']);
  });

  it('a late call_initiated moves the call start', () => {
    const rules = oneRule({ said: { list: 'churn' } });
    const { decisions } = evaluateCall(
      [say(12, 'customer', 'cancel'), initiated(2), say(20, 'customer', 'cancel')],
      rules,
    );
    // Fired at the first fragment, then the earliest event (0 s after itself).
    expect(decisions.map((d) => d.atSecond)).toEqual([0]);
  });

  it('a call with no call_ended keeps its live matches and leaves negatives open', () => {
    const rules = oneRule({ not: { said: { list: 'offer' } } });
    const both = compileRules(
      [
        ...[
          { name: 'churn', when: { said: { list: 'churn' } } },
          { name: 'never-offered', when: { not: { said: { list: 'offer' } } } },
        ].map((r) => {
          const v = validateRule({ severity: 'low', ...r }, { lists: ['churn', 'offer'] });
          if (!v.ok) throw new Error('bad rule');
          return v.value;
        }),
      ],
      { lists: [churnList, offerList] },
    ).ruleSet;
    const call = evaluateCall([initiated(0), say(5, 'customer', 'cancel'), tick(900)], both);
    expect(call.ended).toBe(false);
    expect(call.matches.map((m) => `${m.rule}:${m.phase}/${m.status}`)).toEqual([
      'churn:live/fired',
    ]);
    expect(evaluateCall([initiated(0), tick(900)], rules).matches).toEqual([]);
  });

  it('fires each rule version once per call', () => {
    const rules = oneRule({ said: { list: 'churn' } });
    const many = [1, 2, 3].map((s) => say(s, 'customer', `cancel ${s}`));
    expect(evaluateCall([initiated(0), ...many], rules).decisions).toHaveLength(1);
  });

  it('ignores events after call_ended', () => {
    const rules = oneRule({ said: { list: 'churn' } });
    const { decisions } = evaluateCall(
      [initiated(0), ended(10, []), say(5, 'customer', 'cancel')],
      rules,
    );
    expect(decisions).toEqual([]);
  });

  it('keeps a state that survives JSON, as a compacted topic stores it', () => {
    const events = [
      initiated(0),
      say(10, 'customer', 'I will cancel'),
      say(20, 'ai', 'hello'),
      tick(71),
    ];
    let plain = createCallState();
    let stored: CallState = createCallState();
    const plainDecisions = [];
    const storedDecisions = [];
    for (const event of events) {
      const a = step(plain, event, retention);
      plain = a.state;
      plainDecisions.push(...a.decisions);
      const b = step(JSON.parse(JSON.stringify(stored)) as CallState, event, retention);
      stored = b.state;
      storedDecisions.push(...b.decisions);
    }
    expect(storedDecisions).toEqual(plainDecisions);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    expect(storedDecisions).toHaveLength(1);
  });

  it('reconciles: confirmed keeps the live basis, retracted when the transcript disagrees', () => {
    const rules = oneRule({ said: { list: 'churn' } });
    const live = [initiated(0), say(5, 'customer', 'cancel it')];
    const confirmed = evaluateCall([...live, endedWithTranscript(30, live)], rules);
    expect(confirmed.matches).toEqual([
      expect.objectContaining({ phase: 'live', status: 'confirmed', basis: 'event', atSecond: 5 }),
    ]);
    const corrected = evaluateCall(
      [...live, ended(30, [{ speaker: 'customer', text: 'counsel it', timestamp: null }])],
      rules,
    );
    expect(corrected.matches).toEqual([
      expect.objectContaining({ phase: 'live', status: 'retracted' }),
    ]);
  });

  it('an error the provider reports after call_ended still matches, once, as a final match', () => {
    const rules = compileRules(
      [
        { name: 'errored', when: { event: 'error' } },
        { name: 'missed-or-error', when: { any: [{ event: 'missed' }, { event: 'error' }] } },
        { name: 'churn', when: { said: { list: 'churn' } } },
      ].map((r) => {
        const v = validateRule({ severity: 'high', ...r }, { lists: ['churn'] });
        if (!v.ok) throw new Error(JSON.stringify(v.errors));
        return v.value;
      }),
      { lists: [churnList] },
    ).ruleSet;
    const live = [initiated(0), answered(2), say(5, 'customer', 'hello')];
    const atEnd = evaluateCall([...live, endedWithTranscript(30, live)], rules);
    expect(atEnd.matches).toEqual([]);
    // The provider's example order: the error comes after call_ended (and after its time).
    const late = evaluateCall([...live, endedWithTranscript(30, live), failed(40)], rules);
    expect(late.decisions.map((d) => [d.rule, d.phase, d.status, d.basis, d.atSecond])).toEqual([
      ['errored', 'final', 'fired', 'event', 40],
      ['missed-or-error', 'final', 'fired', 'event', 40],
    ]);
    expect(late.matches).toEqual(late.decisions);
    // Again, or a second error: nothing more; other events after the end change nothing.
    const more = evaluateCall(
      [...live, endedWithTranscript(30, live), failed(40), failed(40), failed(45)],
      rules,
    );
    expect(more.decisions).toEqual(late.decisions);
    const after = evaluateCall(
      [...live, endedWithTranscript(30, live), say(35, 'customer', 'cancel')],
      rules,
    );
    expect(after.decisions).toEqual([]);
  });

  it('an error after the end adds nothing to a rule the end already settled', () => {
    const rules = oneRule({ any: [{ event: 'missed' }, { event: 'error' }] });
    const missed = [initiated(0), ended(20, [])];
    const settled = evaluateCall(missed, rules).matches;
    expect(settled.map((m) => [m.phase, m.atSecond])).toEqual([['final', 20]]);
    const { decisions, matches } = evaluateCall([...missed, failed(25)], rules);
    expect(decisions).toEqual(settled);
    expect(matches).toEqual(settled);
  });
});
