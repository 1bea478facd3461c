import type { RuleSet } from './compile/compile-rules.js';
import { createCallState, type CallState } from './state/call-state.js';
import type { RuleEvent } from './state/rule-event.js';
import { step } from './step.js';
import type { RuleMatch } from './types.js';

export interface CallEvaluation {
  state: CallState;
  /** Every decision in the order the steps made them. */
  decisions: RuleMatch[];
  /** The reconciled set once the call has ended; until then, the live matches. */
  matches: RuleMatch[];
  ended: boolean;
}

/** Whole-call mode: the live step folded over a call's events, in the order given. */
export const evaluateCall = (events: readonly RuleEvent[], ruleSet: RuleSet): CallEvaluation => {
  let state = createCallState();
  const decisions: RuleMatch[] = [];
  for (const event of events) {
    const result = step(state, event, ruleSet);
    state = result.state;
    decisions.push(...result.decisions);
  }
  return {
    state,
    decisions,
    matches: state.reconciled ?? [...state.fired],
    ended: state.reconciled !== null,
  };
};
