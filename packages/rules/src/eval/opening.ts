import type { CompiledRule, RuleSet } from '../compile/compile-rules.js';
import type { CallView } from './call-view.js';
import { firstOccurrence } from './first-occurrence.js';
import type { Occurrence } from './outcome.js';
import { wakeAt } from './wake.js';

/** What a timed rule decides on a call that has shown nothing but its start. */
export interface Opening {
  found: Occurrence | undefined;
  /** Its wake-up second (see `wakeAt`); Infinity if it fired. */
  wake: number;
}

const NOTHING_YET: CallView = Object.freeze({
  utterances: Object.freeze([]),
  answeredAt: null,
  errorsAt: Object.freeze([]),
  endAt: null,
  now: 0,
});

const openings = new WeakMap<RuleSet, readonly Opening[]>();

/**
 * By timed rule, in the set's `watchers.timed` order: its decision on a call whose only
 * event carried no fact (call_initiated, call_ringing), at that event's second, which is
 * the call's start. Every such call is the same call then, so this is evaluated once per
 * rule set rather than at every call's first event.
 */
export const openingOf = (ruleSet: RuleSet): readonly Opening[] => {
  let known = openings.get(ruleSet);
  if (known === undefined) {
    known = ruleSet.watchers.timed.map((i): Opening => {
      const { when } = ruleSet.rules[i] as CompiledRule;
      const found = firstOccurrence(when, NOTHING_YET);
      return { found, wake: found === undefined ? wakeAt(when, NOTHING_YET) : Infinity };
    });
    openings.set(ruleSet, known);
  }
  return known;
};
