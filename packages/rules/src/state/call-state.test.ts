import { describe, expect, it } from 'vitest';
import { step } from '../step.js';
import {
  endedWithTranscript,
  initiated,
  oneRule,
  ruleSetOf,
  say,
} from '../testing/call-builder.js';
import { createCallState, readCallState, type CallState } from './call-state.js';

const churn = oneRule({ said: { list: 'churn' } });

/** A state after a churn word fired the rule, as saved: JSON. */
const saved = (): unknown => {
  let state = createCallState();
  for (const event of [initiated(0), say(5, 'customer', 'I want to cancel')]) {
    state = step(state, event, churn).state;
  }
  expect(state.fired.map((m) => m.rule)).toEqual(['r']);
  return JSON.parse(JSON.stringify(state));
};

/** The same state as version 1 saved it: live matches by `name@version`. */
const asVersion1 = (state: CallState): unknown => ({
  ...state,
  v: 1,
  fired: Object.fromEntries(state.fired.map((m) => [`${m.rule}@${m.ruleVersion}`, m])),
});

describe('readCallState', () => {
  it('takes a saved state as it is', () => {
    const json = saved();
    expect(readCallState(json)).toBe(json);
  });

  it("reads version 1's record of live matches as the list, and the rule does not fire again", () => {
    const current = saved() as CallState;
    const read = readCallState(asVersion1(current));
    expect(read).toEqual(current);
    const next = step(read as CallState, say(9, 'customer', 'cancel it now'), churn);
    expect(next.decisions).toEqual([]);
    expect(next.state.fired).toEqual(current.fired);
  });

  it('reads a version 1 record of several matches in jsonb key order, and the call goes on as before', () => {
    // "zeta" fires first, "a" later; jsonb gives the record back with "a@1" first.
    const rules = ruleSetOf([
      { name: 'zeta', when: { said: { list: 'churn' } } },
      { name: 'a', when: { said: { list: 'offer' } } },
      { name: 'both', when: { all: [{ said: { list: 'churn' } }, { said: { list: 'offer' } }] } },
    ]);
    const events = [
      initiated(0),
      say(5, 'customer', 'I will cancel'),
      say(9, 'ai', 'here is a discount'),
    ];
    let state = createCallState();
    for (const event of events) state = step(state, event, rules).state;
    expect(state.fired.map((m) => m.rule)).toEqual(['zeta', 'a', 'both']);
    const json = JSON.parse(JSON.stringify(state)) as CallState;
    const byKey = Object.fromEntries(json.fired.map((m) => [`${m.rule}@${m.ruleVersion}`, m]));
    const jsonbOrder = Object.fromEntries(
      Object.keys(byKey)
        .sort((x, y) => x.length - y.length || (x < y ? -1 : 1))
        .map((k) => [k, byKey[k]]),
    );
    const read = readCallState({ ...json, v: 1, fired: jsonbOrder }) as CallState;
    expect(read.fired.map((m) => m.rule)).toEqual(['a', 'both', 'zeta']);
    const more = say(12, 'customer', 'cancel, I said');
    const end = endedWithTranscript(20, [...events, more]);
    const goOn = (from: CallState) => {
      const next = step(from, more, rules);
      const ended = step(next.state, end, rules);
      return { live: next.decisions, reconciled: ended.decisions };
    };
    const fromRead = goOn(read);
    expect(fromRead.live).toEqual([]);
    expect(fromRead.reconciled.map((m) => `${m.rule}:${m.status}`).sort()).toEqual([
      'a:confirmed',
      'both:confirmed',
      'zeta:confirmed',
    ]);
    expect(fromRead.reconciled).toEqual(goOn(state).reconciled);
  });

  it('is null for anything else', () => {
    for (const value of [
      null,
      'state',
      3,
      {},
      { v: 3, fired: [] },
      { v: 2, fired: {} },
      { v: 1 },
    ]) {
      expect(readCallState(value), JSON.stringify(value)).toBeNull();
    }
  });
});
