import type { RuleSet } from '../compile/compile-rules.js';
import { callStart, type CallState } from '../state/call-state.js';
import type { CallView } from './call-view.js';

/** What the live path knows after the events recorded in `state`; null before any event. */
export const liveView = (state: CallState, ruleSet: RuleSet): CallView | null => {
  const start = callStart(state);
  if (start === null) return null;
  const known = Math.max(state.latestAt ?? start, state.sweptTo ?? start);
  return {
    utterances: state.fragments.map((f) => ({
      speaker: f.speaker,
      text: f.text,
      at: f.at - start,
      eventId: f.eventId,
      analysis: ruleSet.analyze(f.text),
    })),
    answeredAt: state.answeredAt === null ? null : state.answeredAt - start,
    errorsAt: state.errorsAt.map((t) => t - start),
    endAt: null,
    now: known - start,
  };
};
