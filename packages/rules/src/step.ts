import type { CompiledRule, RuleSet } from './compile/compile-rules.js';
import { firstOccurrence } from './eval/first-occurrence.js';
import { callMemo, firedIn, keepMemo, viewOf, type CallMemo } from './eval/live-view.js';
import type { CallView } from './eval/call-view.js';
import { openingOf } from './eval/opening.js';
import type { Occurrence } from './eval/outcome.js';
import { wakeAt } from './eval/wake.js';
import { finalView, reproducesLive } from './final/final-view.js';
import { reconcile } from './final/reconcile.js';
import { callStart, copyState, type CallState } from './state/call-state.js';
import { recordEvent } from './state/record-event.js';
import type { FinalEntry, RuleEvent } from './state/rule-event.js';
import type { Basis, RuleMatch } from './types.js';

export interface StepResult {
  state: CallState;
  /** Matches decided by this step: live firings, or at call_ended the reconciled set. */
  decisions: RuleMatch[];
}

/** What an event added to a call: the facts a rule may watch (see `Watch`). */
type Change =
  | { kind: 'everything' }
  | { kind: 'utterance'; lists: readonly string[]; speaker: string }
  | { kind: 'lifecycle' }
  | { kind: 'time' };

// The marks of `dueRules`, by rule index, and its answer. A step runs to its end before
// another begins, so one of each serves every call (cleared as they are read): allocations
// saved at every event.
let marks = new Uint8Array(64);
const dueScratch: number[] = [];

/** Marks the rules in `indexes`. */
const mark = (marked: Uint8Array, indexes: readonly number[] | undefined): void => {
  if (indexes !== undefined) for (const i of indexes) marked[i] = 1;
};

/**
 * The rules (indexes, ascending; the list is valid until the next call) that have not
 * fired and `change` may affect: all of them if the state holds nothing for this rule set;
 * else those watching its facts and the timed ones whose wake-up has come. A call's first
 * event (`first`) needs no history: on a call with no other fact, a rule that is not timed
 * holds only through a fact it watches.
 */
const dueRules = (
  state: CallState,
  ruleSet: RuleSet,
  fired: Uint8Array,
  change: Change,
  now: number,
  first: boolean,
): number[] => {
  const { rules, watchers } = ruleSet;
  const wake = state.wake;
  const known = first || (wake !== undefined && wake.set === ruleSet.id);
  let marked: Uint8Array | null = null;
  if (change.kind !== 'everything' && known) {
    if (marks.length < rules.length) marks = new Uint8Array(rules.length);
    marked = marks;
    if (change.kind === 'utterance') {
      const { lists } = change;
      for (let i = 0; i < lists.length; i++) {
        const list = lists[i] as string;
        // A list hit several times is looked up once.
        if (lists.indexOf(list) < i) continue;
        const forList = watchers.byList.get(list);
        if (forList === undefined) continue;
        mark(marked, forList.get(change.speaker));
        mark(marked, forList.get(null));
      }
      mark(marked, watchers.bySpeaker.get(change.speaker));
      mark(marked, watchers.bySpeaker.get(null));
    } else if (change.kind === 'lifecycle') mark(marked, watchers.lifecycle);
    const { timed } = watchers;
    for (let t = 0; t < timed.length; t++) {
      const at = first ? -Infinity : wake?.at[t];
      if (typeof at === 'number' && now >= at) marked[timed[t] as number] = 1;
    }
  }
  const due = dueScratch;
  due.length = 0;
  for (let i = 0; i < rules.length; i++) {
    if (marked === null) {
      if (fired[i] === 0) due.push(i);
    } else if (marked[i] === 1) {
      marked[i] = 0;
      if (fired[i] === 0) due.push(i);
    }
  }
  return due;
};

/**
 * Fires every rule (version) that has not fired for this call and now holds. Only the
 * rules the change may affect are evaluated (`dueRules`), with the same outcome as
 * evaluating all of them: a property test checks it. `state` is one the step has just
 * made, so it is completed in place rather than copied again.
 */
const decideLive = (
  state: CallState,
  ruleSet: RuleSet,
  basis: Basis,
  change: Change,
  first = false,
): StepResult => {
  const start = callStart(state);
  if (start === null) return { state, decisions: [] };
  const now = Math.max(state.latestAt ?? start, state.sweptTo ?? start) - start;
  const { rules, watchers } = ruleSet;
  const fired = firedIn(state, ruleSet);
  const due = dueRules(state, ruleSet, fired, change, now, first);
  const kept = state.wake?.set === ruleSet.id && change.kind !== 'everything' && !first;
  const before = kept ? (state.wake?.at ?? []) : watchers.timed.map(() => null);
  // A new utterance joins the call's memo now, while its analysis is at hand (the rule
  // set's cache keeps it only for a while); so does a new start, which may have come with
  // one. Other events leave the memo to the first rule evaluated: a state read back after
  // a restart has no utterance analyzed yet.
  const read = change.kind === 'utterance' || change.kind === 'everything';
  let memo = read ? callMemo(state, ruleSet) : null;
  if (due.length === 0) {
    if (!kept) state.wake = { set: ruleSet.id, at: before };
    return { state, decisions: [] };
  }
  // A call's first event that showed no fact: its due rules (the timed ones) decide what
  // they decide on every such call.
  const opening = first && change.kind === 'time' ? openingOf(ruleSet) : null;
  let view: CallView | null = null;
  let firings: { rule: number; match: RuleMatch }[] | null = null;
  // The timed rules' wake-ups, copied on the first change.
  let at = before;
  for (const i of due) {
    const rule = rules[i] as CompiledRule;
    const t = watchers.timedIndex[i];
    const known = opening === null || t === undefined ? undefined : opening[t];
    let found: Occurrence | undefined;
    let wake = Infinity;
    if (known !== undefined) ({ found, wake } = known);
    else {
      memo ??= callMemo(state, ruleSet) as CallMemo;
      view ??= viewOf(state, memo);
      found = firstOccurrence(rule.when, view);
      if (t !== undefined && found === undefined) wake = wakeAt(rule.when, view);
    }
    if (t !== undefined) {
      const second = Number.isFinite(wake) ? wake : null;
      if (at[t] !== second) {
        if (at === before) at = [...before];
        at[t] = second;
      }
    }
    if (found === undefined) continue;
    const match: RuleMatch = {
      rule: rule.name,
      ruleVersion: rule.version,
      severity: rule.severity,
      phase: 'live',
      status: 'fired',
      basis,
      atSecond: found.at,
      evidence: [...found.evidence],
    };
    (firings ??= []).push({ rule: i, match });
  }
  if (!kept || at !== before) state.wake = { set: ruleSet.id, at };
  if (firings === null) return { state, decisions: [] };
  const decisions = firings.map((f) => f.match);
  state.fired = [...state.fired, ...decisions];
  // What fired is known here: the memo need not read it back from the new list.
  memo ??= callMemo(state, ruleSet) as CallMemo;
  memo.fired.set(fired);
  for (const f of firings) memo.fired[f.rule] = 1;
  memo.firedOf = state.fired;
  return { state, decisions };
};

/** What recording `event` changed, for `decideLive`. */
const changeOf = (
  before: CallState,
  after: CallState,
  event: RuleEvent,
  ruleSet: RuleSet,
): Change => {
  // Every time a rule was evaluated at is relative to the call's start.
  const start = callStart(before);
  if (start !== null && start !== callStart(after)) return { kind: 'everything' };
  switch (event.type) {
    case 'transcript': {
      if (after.fragments === before.fragments) return { kind: 'time' };
      return {
        kind: 'utterance',
        lists: ruleSet.analyze(event.transcript.text).lists,
        speaker: event.transcript.speaker,
      };
    }
    case 'call_answered':
    case 'error':
      return { kind: 'lifecycle' };
    default:
      return { kind: 'time' };
  }
};

/**
 * The final pass: every rule on the final transcript, reconciled with the live matches.
 * Where the live path's last evaluation already settles a rule, it is not evaluated
 * again: one that never fired and that the end alone cannot change (`Watch.atEnd`) has
 * no final occurrence either, when the final transcript reproduces the live fragments and
 * the call's start did not move (`settled`) — the last live step decided, for the same
 * utterances and times, what evaluating every rule decides (a property test checks the
 * reconciled set against the whole-call mode).
 */
const endCall = (
  state: CallState & { endedAt: number },
  finalTranscript: readonly FinalEntry[],
  ruleSet: RuleSet,
  startKept: boolean,
): StepResult => {
  const settled =
    startKept && state.wake?.set === ruleSet.id && reproducesLive(state, finalTranscript);
  const view = finalView(state, finalTranscript, ruleSet);
  const { rules } = ruleSet;
  const fired = firedIn(state, ruleSet);
  const final: (Occurrence | undefined)[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as CompiledRule;
    final.push(
      settled && !rule.watch.atEnd && fired[i] === 0 ? undefined : firstOccurrence(rule.when, view),
    );
  }
  const reconciled = reconcile(rules, state.fired, fired, final);
  const next = copyState(state);
  next.reconciled = reconciled;
  return { state: next, decisions: reconciled };
};

/**
 * A provider error reported after the call ended (the provider's own example sends one
 * after `call_ended`). The rules that watch the call's lifecycle and have no record in the
 * settled set are evaluated on the ended call with the error, the live fragments standing
 * in for the final transcript (the state does not keep it); one that holds now joins the
 * settled set as a final match decided by this event. A late error adds matches, never
 * retracts one.
 */
const errorAfterEnd = (state: CallState & { endedAt: number }, ruleSet: RuleSet): StepResult => {
  const settled = state.reconciled ?? [];
  const view = finalView(state, [], ruleSet);
  const decisions: RuleMatch[] = [];
  for (const i of ruleSet.watchers.lifecycle) {
    const rule = ruleSet.rules[i] as CompiledRule;
    if (settled.some((m) => m.rule === rule.name && m.ruleVersion === rule.version)) continue;
    const found = firstOccurrence(rule.when, view);
    if (found === undefined) continue;
    decisions.push({
      rule: rule.name,
      ruleVersion: rule.version,
      severity: rule.severity,
      phase: 'final',
      status: 'fired',
      basis: 'event',
      atSecond: found.at,
      evidence: [...found.evidence],
    });
  }
  if (decisions.length > 0) state.reconciled = [...settled, ...decisions];
  return { state, decisions };
};

/**
 * Feeds one event of a call. Pure: the same state, event and rule set give the same result.
 * Duplicates and events after call_ended change nothing.
 */
export const step = (state: CallState, event: RuleEvent, ruleSet: RuleSet): StepResult => {
  const recorded = recordEvent(state, event, ruleSet.maxFragments);
  if ('state' in recorded) keepMemo(state, recorded.state);
  switch (recorded.kind) {
    case 'duplicate':
    case 'ignored':
      return { state, decisions: [] };
    case 'recorded':
      return decideLive(
        recorded.state,
        ruleSet,
        'event',
        changeOf(state, recorded.state, event, ruleSet),
        callStart(state) === null,
      );
    case 'errorAfterEnd':
      return errorAfterEnd(recorded.state as CallState & { endedAt: number }, ruleSet);
    case 'ended': {
      const ended = recorded.state as CallState & { endedAt: number };
      return endCall(
        ended,
        event.type === 'call_ended' ? event.finalTranscript : [],
        ruleSet,
        callStart(state) === callStart(ended),
      );
    }
  }
};

/**
 * Decides deadlines of a call that went quiet. `nowUnixSeconds` is provider time vouched
 * for by the caller's clock: wall-clock now minus the lateness allowed to events in flight.
 * A time no later than the latest event's changes nothing.
 */
export const sweep = (state: CallState, nowUnixSeconds: number, ruleSet: RuleSet): StepResult => {
  const known = Math.max(state.latestAt ?? -Infinity, state.sweptTo ?? -Infinity);
  if (state.endedAt !== null || callStart(state) === null || !(nowUnixSeconds > known)) {
    return { state, decisions: [] };
  }
  const next = copyState(state);
  next.sweptTo = nowUnixSeconds;
  keepMemo(state, next);
  return decideLive(next, ruleSet, 'deadline', { kind: 'time' });
};
