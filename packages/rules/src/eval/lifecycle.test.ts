import { describe, expect, it } from 'vitest';
import { evaluateCall } from '../evaluate-call.js';
import { sweep } from '../step.js';
import { answered, ended, failed, initiated, oneRule, T0, tick } from '../testing/call-builder.js';

const when = (event: string) => oneRule({ event });

describe('event', () => {
  it('answered and error fire live at their events', () => {
    const events = [initiated(0), answered(4), failed(9)];
    expect(evaluateCall(events, when('answered')).decisions).toEqual([
      expect.objectContaining({ phase: 'live', basis: 'event', atSecond: 4, evidence: [] }),
    ]);
    expect(evaluateCall(events, when('error')).decisions).toEqual([
      expect.objectContaining({ atSecond: 9 }),
    ]);
  });

  it('missed: the call ended without call_answered', () => {
    const missed = evaluateCall([initiated(0), tick(20), ended(30, [])], when('missed'));
    expect(missed.matches).toEqual([
      expect.objectContaining({ phase: 'final', status: 'fired', basis: 'call_end', atSecond: 30 }),
    ]);
    const taken = evaluateCall([initiated(0), answered(3), ended(30, [])], when('missed'));
    expect(taken.matches).toEqual([]);
  });

  it('ended fires at the end', () => {
    expect(evaluateCall([initiated(0), ended(12, [])], when('ended')).matches).toEqual([
      expect.objectContaining({ atSecond: 12, basis: 'call_end' }),
    ]);
  });
});

describe('longerThan', () => {
  const long = oneRule({ longerThan: { seconds: 60 } });

  it('while live, by the latest event, strictly longer', () => {
    expect(evaluateCall([initiated(0), tick(60)], long).decisions).toEqual([]);
    expect(evaluateCall([initiated(0), tick(61)], long).decisions).toEqual([
      expect.objectContaining({ phase: 'live', basis: 'event', atSecond: 60 }),
    ]);
  });

  it('by the sweep for a quiet call, and by the end', () => {
    const { state } = evaluateCall([initiated(0), answered(2)], long);
    expect(sweep(state, T0 + 61, long).decisions).toEqual([
      expect.objectContaining({ basis: 'deadline', atSecond: 60 }),
    ]);
    expect(evaluateCall([initiated(0), ended(90, [])], long).matches).toEqual([
      expect.objectContaining({ phase: 'final', atSecond: 60 }),
    ]);
    expect(evaluateCall([initiated(0), ended(60, [])], long).matches).toEqual([]);
  });
});
