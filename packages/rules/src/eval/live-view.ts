import type { CompiledRule, RuleSet } from '../compile/compile-rules.js';
import type { TextAnalysis } from '../compile/text-analysis.js';
import { callStart, keep, keptOf, type CallState, type Fragment } from '../state/call-state.js';
import type { RuleMatch } from '../types.js';
import type { CallView, Utterance } from './call-view.js';
import type { LeafMemos } from './memo.js';

const NO_ERRORS: readonly number[] = Object.freeze([]);

const utteranceOf = (
  f: Fragment,
  start: number,
  ruleSet: RuleSet,
  analysis = ruleSet.analyze(f.text),
): Utterance => ({
  speaker: f.speaker,
  text: f.text,
  at: f.at - start,
  eventId: f.eventId,
  analysis,
});

// A live call is read again at every event. Its utterances and what its leaf conditions
// have worked out from them are kept with its state, outside its JSON (`keep`), and
// handed on to the next state by `step`. They stay valid while the next state's fragments
// only extend the ones they were made from; otherwise (a late fragment, a new call start,
// a state read back after a restart, another rule set) they are made again from the
// fragments. A quiet call's state keeps the rule set it was last read with until its next
// event; an ended call's state keeps nothing.
export interface CallMemo {
  ruleSet: RuleSet;
  start: number;
  /** The fragments `utterances` were made from. */
  fragments: readonly Fragment[];
  utterances: Utterance[];
  memos: LeafMemos;
  /**
   * Per rule of the set, by index: whether it has fired live, as read from `firedOf` (a
   * state's `fired` is replaced, never changed, when a rule fires).
   */
  fired: Uint8Array;
  firedOf: readonly RuleMatch[] | null;
}

/** Hands what `from` kept on to `to`, a state made from it (see `liveView`). */
export const keepMemo = (from: CallState, to: CallState): void => {
  const memo = keptOf(from);
  if (memo !== undefined && to !== from) keep(to, memo);
};

/** The state's memo brought up to its fragments, or null if they are not an extension. */
const memoOf = (state: CallState, start: number, ruleSet: RuleSet): CallMemo | null => {
  const memo = keptOf(state) as CallMemo | undefined;
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

/**
 * The analyses of the utterances the state's memo holds, by text, if it holds any for
 * `ruleSet`: those of a long call's first utterances may have left the rule set's cache.
 */
export const analysesOf = (
  state: CallState,
  ruleSet: RuleSet,
): ReadonlyMap<string, TextAnalysis> | null => {
  const memo = keptOf(state) as CallMemo | undefined;
  if (memo === undefined || memo.ruleSet !== ruleSet) return null;
  return new Map(memo.utterances.map((u) => [u.text, u.analysis]));
};

/**
 * What the evaluator keeps for the call in `state` (made now if nothing valid was kept);
 * null before any event.
 */
export const callMemo = (state: CallState, ruleSet: RuleSet): CallMemo | null => {
  const start = callStart(state);
  if (start === null) return null;
  let memo = memoOf(state, start, ruleSet);
  if (memo === null) {
    const { fragments } = state;
    // A late fragment or a new start: the utterances analyzed already are analyzed still.
    const known = analysesOf(state, ruleSet);
    const utterances = fragments.map((f) => utteranceOf(f, start, ruleSet, known?.get(f.text)));
    const fired = new Uint8Array(ruleSet.rules.length);
    memo = { ruleSet, start, fragments, utterances, memos: [], fired, firedOf: null };
    keep(state, memo);
  }
  return memo;
};

const readFired = (into: Uint8Array, state: CallState, ruleSet: RuleSet): Uint8Array => {
  into.fill(0);
  const { rules } = ruleSet;
  for (const match of state.fired) {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as CompiledRule;
      if (rule.name === match.rule && rule.version === match.ruleVersion) into[i] = 1;
    }
  }
  return into;
};

/** Per rule of the memo's set, by index: 1 if it has fired live in `state`. */
const firedRules = (memo: CallMemo, state: CallState): Uint8Array => {
  if (memo.firedOf !== state.fired) {
    readFired(memo.fired, state, memo.ruleSet);
    memo.firedOf = state.fired;
  }
  return memo.fired;
};

/** The same for a state that may keep no memo for `ruleSet`. */
export const firedIn = (state: CallState, ruleSet: RuleSet): Uint8Array => {
  const memo = keptOf(state) as CallMemo | undefined;
  if (memo !== undefined && memo.ruleSet === ruleSet) return firedRules(memo, state);
  return readFired(new Uint8Array(ruleSet.rules.length), state, ruleSet);
};

/** The view of the call in `state`, of which `memo` is the memo (see `callMemo`). */
export const viewOf = (state: CallState, memo: CallMemo): CallView => {
  const { start } = memo;
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

/** What the live path knows after the events recorded in `state`; null before any event. */
export const liveView = (state: CallState, ruleSet: RuleSet): CallView | null => {
  const memo = callMemo(state, ruleSet);
  return memo === null ? null : viewOf(state, memo);
};
