import type { RuleSet } from '../compile/compile-rules.js';
import { callStart, type CallState, type Fragment } from '../state/call-state.js';
import type { CallView, Utterance } from './call-view.js';
import type { LeafMemos } from './memo.js';

const NO_ERRORS: readonly number[] = Object.freeze([]);

const utteranceOf = (f: Fragment, start: number, ruleSet: RuleSet): Utterance => ({
  speaker: f.speaker,
  text: f.text,
  at: f.at - start,
  eventId: f.eventId,
  analysis: ruleSet.analyze(f.text),
});

// A live call is read again at every event. Its utterances and what its leaf conditions
// have worked out from them are kept with its state, under a symbol and not enumerable
// (neither JSON nor a spread sees them; a WeakMap would cost several property reads), and
// handed on to the next state by `step`. They stay valid while the next state's fragments
// only extend the ones they were made from; otherwise (a late fragment, a new call start,
// a state read back after a restart, another rule set) they are made again from the
// fragments. A quiet call's state keeps the rule set it was last read with until its next
// event; an ended call's state keeps nothing.
const CALL_MEMO = Symbol('call memo');

interface CallMemo {
  ruleSet: RuleSet;
  start: number;
  /** The fragments `utterances` were made from. */
  fragments: readonly Fragment[];
  utterances: Utterance[];
  memos: LeafMemos;
}

type WithMemo = CallState & { [CALL_MEMO]?: CallMemo };

const attach = (state: WithMemo, memo: CallMemo): void => {
  if (Object.isExtensible(state)) {
    Object.defineProperty(state, CALL_MEMO, { value: memo, writable: true, configurable: true });
  }
};

/** Hands what `from` kept on to `to`, a state made from it (see `liveView`). */
export const keepMemo = (from: CallState, to: CallState): void => {
  const memo = (from as WithMemo)[CALL_MEMO];
  if (memo !== undefined && to !== from) attach(to, memo);
};

/** The state's memo brought up to its fragments, or null if they are not an extension. */
const memoOf = (state: WithMemo, start: number, ruleSet: RuleSet): CallMemo | null => {
  const memo = state[CALL_MEMO];
  if (memo === undefined || memo.ruleSet !== ruleSet || memo.start !== start) return null;
  const { fragments } = state;
  const known = memo.fragments;
  if (known === fragments) return memo;
  if (known.length > fragments.length) return null;
  for (let i = 0; i < known.length; i++) if (known[i] !== fragments[i]) return null;
  for (let i = known.length; i < fragments.length; i++) {
    memo.utterances.push(utteranceOf(fragments[i] as Fragment, start, ruleSet));
  }
  memo.fragments = fragments;
  return memo;
};

/** What the live path knows after the events recorded in `state`; null before any event. */
export const liveView = (state: CallState, ruleSet: RuleSet): CallView | null => {
  const start = callStart(state);
  if (start === null) return null;
  let memo = memoOf(state, start, ruleSet);
  if (memo === null) {
    const { fragments } = state;
    const utterances = fragments.map((f) => utteranceOf(f, start, ruleSet));
    memo = { ruleSet, start, fragments, utterances, memos: [] };
    attach(state, memo);
  }
  const known = Math.max(state.latestAt ?? start, state.sweptTo ?? start);
  return {
    utterances: memo.utterances,
    answeredAt: state.answeredAt === null ? null : state.answeredAt - start,
    errorsAt: state.errorsAt.length === 0 ? NO_ERRORS : state.errorsAt.map((t) => t - start),
    endAt: null,
    now: known - start,
    memos: memo.memos,
  };
};
