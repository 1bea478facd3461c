import { describe, expect, it } from 'vitest';
import { step } from '../step.js';
import { initiated, oneRule, say } from '../testing/call-builder.js';
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
