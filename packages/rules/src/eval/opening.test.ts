import { describe, expect, it } from 'vitest';
import type { CompiledRule } from '../compile/compile-rules.js';
import { step } from '../step.js';
import { createCallState } from '../state/call-state.js';
import { initiated, ruleSetOf, say, tick } from '../testing/call-builder.js';
import { firstOccurrence } from './first-occurrence.js';
import { liveView } from './live-view.js';
import { openingOf } from './opening.js';
import { wakeAt } from './wake.js';

// Every timed form: windows that close, negations, replies awaited, lengths, and timed
// conditions inside combinators.
const rules = ruleSetOf([
  { name: 'long', when: { longerThan: { seconds: 45 } } },
  {
    name: 'no-notice',
    when: { not: { said: { list: 'offer', speaker: 'ai', window: { firstSeconds: 30 } } } },
  },
  {
    name: 'late-window',
    when: { not: { said: { list: 'churn', window: { fromSecond: 10, toSecond: 20 } } } },
  },
  { name: 'never-offered', when: { not: { said: { list: 'offer' } } } },
  { name: 'quick-notice', when: { not: { said: { list: 'offer', window: { firstSeconds: 2 } } } } },
  {
    name: 'not-offered',
    when: {
      notFollowedBy: {
        first: { said: { list: 'churn' } },
        then: { said: { list: 'offer' } },
        withinSeconds: 15,
      },
    },
  },
  {
    name: 'long-or-unanswered',
    when: { any: [{ longerThan: { seconds: 5 } }, { not: { event: 'answered' } }] },
  },
  { name: 'said-anything', when: { said: { list: 'churn' } } },
]);

describe('a call whose first event shows no fact', () => {
  it('is decided once per rule set, as evaluating each timed rule on it decides', () => {
    // A rule set that keeps no utterance drops a call's first fragment as it does any.
    const keepingNone = { ...rules, maxFragments: 0 };
    const firsts = [
      { first: initiated(0), set: rules },
      { first: tick(0), set: rules },
      { first: say(0, 'customer', 'I want to cancel'), set: keepingNone },
    ];
    for (const { first, set } of firsts) {
      const { state, decisions } = step(createCallState(), first, set);
      const view = liveView(state, set);
      if (view === null) throw new Error('a call with an event has a view');
      const expected = set.watchers.timed.map((i) => {
        const { when } = set.rules[i] as CompiledRule;
        const found = firstOccurrence(when, view);
        return { found, wake: found === undefined ? wakeAt(when, view) : Infinity };
      });
      expect(openingOf(set)).toEqual(expected);
      // What the step recorded: the wake-ups, and nothing fired.
      expect(state.wake?.at).toEqual(
        expected.map((e) => (Number.isFinite(e.wake) ? e.wake : null)),
      );
      expect(decisions).toEqual([]);
    }
    // Not vacuous: rules wait for a second (a window, a length) and for a fact alone.
    const waiting = step(createCallState(), initiated(0), rules).state.wake?.at;
    expect(waiting).toContain(45);
    expect(waiting).toContain(2);
    expect(waiting).toContain(null);
  });
});
