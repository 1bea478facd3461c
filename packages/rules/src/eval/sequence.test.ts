import { describe, expect, it } from 'vitest';
import { evaluateCall } from '../evaluate-call.js';
import type { RuleEvent } from '../state/rule-event.js';
import { sweep } from '../step.js';
import { endedWithTranscript, initiated, oneRule, say, T0, tick } from '../testing/call-builder.js';

const retention = oneRule({
  notFollowedBy: {
    first: { said: { list: 'churn' } },
    then: { said: { list: 'offer' } },
    withinSeconds: 60,
  },
});
const offered = oneRule({
  followedBy: {
    first: { said: { list: 'churn' } },
    then: { said: { list: 'offer' } },
    withinSeconds: 60,
  },
});

const churn = (s: number) => say(s, 'customer', 'I want to cancel');
const offer = (s: number) => say(s, 'ai', 'I can give you a discount');
const summary = (events: RuleEvent[], rules = retention) =>
  evaluateCall(events, rules).decisions.map(
    (d) => `${d.phase}/${d.status}/${d.basis}@${d.atSecond}`,
  );

describe('notFollowedBy', () => {
  it('a reply at exactly N seconds answers (inclusive)', () => {
    const talk = [initiated(0), churn(10), offer(70), tick(200)];
    expect(summary(talk)).toEqual([]);
    expect(summary([...talk, endedWithTranscript(300, talk)])).toEqual([]);
  });

  it('a reply at N + 1 seconds does not', () => {
    const talk = [initiated(0), churn(10), offer(71)];
    expect(summary(talk)).toEqual(['live/fired/event@70']);
    expect(summary([...talk, endedWithTranscript(100, talk)])).toEqual([
      'live/fired/event@70',
      'live/confirmed/event@70',
    ]);
  });

  it('waits at N seconds: a reply in that same second may still arrive', () => {
    expect(summary([initiated(0), churn(10), tick(70)])).toEqual([]);
    expect(summary([initiated(0), churn(10), tick(70), offer(70)])).toEqual([]);
  });

  it('no reply ever: the sweep decides a quiet call, call_ended a short one', () => {
    const talk = [initiated(0), churn(10)];
    const { state } = evaluateCall(talk, retention);
    expect(sweep(state, T0 + 70, retention).decisions).toEqual([]);
    expect(sweep(state, T0 + 71, retention).decisions).toEqual([
      expect.objectContaining({ basis: 'deadline', atSecond: 70, phase: 'live' }),
    ]);
    expect(summary([...talk, endedWithTranscript(30, talk)])).toEqual(['final/fired/call_end@30']);
  });

  it('two churn words of which only the second is answered: the first fires', () => {
    const talk = [initiated(0), churn(10), churn(50), offer(100)];
    const { decisions } = evaluateCall(talk, retention);
    expect(decisions).toEqual([
      expect.objectContaining({
        atSecond: 70,
        evidence: [expect.objectContaining({ atSecond: 10 })],
      }),
    ]);
  });

  it('two churn words of which only the first is answered: the second fires', () => {
    const talk = [initiated(0), churn(10), offer(20), churn(50), tick(111)];
    expect(summary(talk)).toEqual(['live/fired/event@110']);
  });

  it('the reply must come after the churn word, not before', () => {
    expect(summary([initiated(0), offer(5), churn(10), tick(71)])).toEqual(['live/fired/event@70']);
  });
});

describe('followedBy', () => {
  it('fires on the reply within N seconds, inclusive, with both as evidence', () => {
    const { decisions } = evaluateCall([initiated(0), churn(10), offer(70)], offered);
    expect(decisions).toEqual([
      expect.objectContaining({
        atSecond: 70,
        basis: 'event',
        evidence: [
          expect.objectContaining({ speaker: 'customer', atSecond: 10 }),
          expect.objectContaining({ speaker: 'ai', atSecond: 70 }),
        ],
      }),
    ]);
    expect(summary([initiated(0), churn(10), offer(71)], offered)).toEqual([]);
  });

  it('pairs a reply with the latest churn word before it', () => {
    expect(summary([initiated(0), churn(10), churn(100), offer(130)], offered)).toEqual([
      'live/fired/event@130',
    ]);
  });

  it('holds when the reply comes in the same second', () => {
    expect(summary([initiated(0), churn(10), offer(10)], offered)).toEqual(['live/fired/event@10']);
  });
});
