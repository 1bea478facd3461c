import type { RuleSet } from '../compile/compile-rules.js';
import { callStart, type CallState, type Fragment } from '../state/call-state.js';
import type { CallView, Utterance } from './call-view.js';

// A call's fragments are re-read at every event: each is made an utterance once per rule
// set and call start (fragments are immutable; a state copies the array, not them).
const utterances = new WeakMap<
  Fragment,
  { start: number; ruleSet: RuleSet; utterance: Utterance }
>();

const utteranceOf = (f: Fragment, start: number, ruleSet: RuleSet): Utterance => {
  const known = utterances.get(f);
  if (known !== undefined && known.start === start && known.ruleSet === ruleSet) {
    return known.utterance;
  }
  const utterance = {
    speaker: f.speaker,
    text: f.text,
    at: f.at - start,
    eventId: f.eventId,
    analysis: ruleSet.analyze(f.text),
  };
  utterances.set(f, { start, ruleSet, utterance });
  return utterance;
};

/** What the live path knows after the events recorded in `state`; null before any event. */
export const liveView = (state: CallState, ruleSet: RuleSet): CallView | null => {
  const start = callStart(state);
  if (start === null) return null;
  const known = Math.max(state.latestAt ?? start, state.sweptTo ?? start);
  return {
    utterances: state.fragments.map((f) => utteranceOf(f, start, ruleSet)),
    answeredAt: state.answeredAt === null ? null : state.answeredAt - start,
    errorsAt: state.errorsAt.map((t) => t - start),
    endAt: null,
    now: known - start,
  };
};
