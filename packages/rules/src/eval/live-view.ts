import type { RuleSet } from '../compile/compile-rules.js';
import { callStart, type CallState, type Fragment } from '../state/call-state.js';
import type { CallView, Utterance } from './call-view.js';

// A call's fragments are re-read at every event: each is made an utterance once per rule
// set and call start, and the utterance kept on the fragment itself (fragments are
// immutable; a state copies the array, not them). The key is a symbol and the property
// not enumerable, so neither JSON (the saved state) nor a spread ever sees it; a WeakMap
// would do the same at several times the cost of a property read, for every fragment of
// the call at every event.
const UTTERANCE = Symbol('utterance');

interface Memo {
  start: number;
  ruleSet: RuleSet;
  utterance: Utterance;
}

type Memoized = Fragment & { [UTTERANCE]?: Memo };

const utteranceOf = (f: Memoized, start: number, ruleSet: RuleSet): Utterance => {
  const known = f[UTTERANCE];
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
  if (Object.isExtensible(f)) {
    Object.defineProperty(f, UTTERANCE, {
      value: { start, ruleSet, utterance },
      writable: true,
      configurable: true,
    });
  }
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
