import type { RuleSet } from './compile/compile-rules.js';
import type { CallView } from './eval/call-view.js';
import { evaluateNode } from './eval/evaluate-node.js';
import { liveView } from './eval/live-view.js';
import type { Occurrence } from './eval/outcome.js';
import { finalView } from './final/final-view.js';
import { reconcile } from './final/reconcile.js';
import { callStart, type CallState } from './state/call-state.js';
import { recordEvent } from './state/record-event.js';
import type { FinalEntry, RuleEvent } from './state/rule-event.js';
import type { Basis, RuleMatch } from './types.js';

export interface StepResult {
  state: CallState;
  /** Matches decided by this step: live firings, or at call_ended the reconciled set. */
  decisions: RuleMatch[];
}

/** Each rule's earliest occurrence in `view`, for the rules that have one. */
export const firstOccurrences = (view: CallView, ruleSet: RuleSet): Map<string, Occurrence> => {
  const found = new Map<string, Occurrence>();
  for (const rule of ruleSet.rules) {
    const first = evaluateNode(rule.when, view).occurrences[0];
    if (first !== undefined) found.set(rule.key, first);
  }
  return found;
};

/** Fires every rule (version) that has not fired for this call and now holds. */
const decideLive = (state: CallState, ruleSet: RuleSet, basis: Basis): StepResult => {
  const view = liveView(state, ruleSet);
  const pending = ruleSet.rules.filter((rule) => state.fired[rule.key] === undefined);
  if (view === null || pending.length === 0) return { state, decisions: [] };
  const decisions: RuleMatch[] = [];
  for (const rule of pending) {
    const first = evaluateNode(rule.when, view).occurrences[0];
    if (first === undefined) continue;
    decisions.push({
      rule: rule.name,
      ruleVersion: rule.version,
      severity: rule.severity,
      phase: 'live',
      status: 'fired',
      basis,
      atSecond: first.at,
      evidence: [...first.evidence],
    });
  }
  if (decisions.length === 0) return { state, decisions };
  const fired = { ...state.fired };
  for (const match of decisions) fired[`${match.rule}@${match.ruleVersion}`] = match;
  return { state: { ...state, fired }, decisions };
};

/** The final pass: every rule on the final transcript, reconciled with the live matches. */
const endCall = (
  state: CallState & { endedAt: number },
  finalTranscript: readonly FinalEntry[],
  ruleSet: RuleSet,
): StepResult => {
  const final = firstOccurrences(finalView(state, finalTranscript, ruleSet), ruleSet);
  const reconciled = reconcile(ruleSet.rules, state.fired, final);
  return { state: { ...state, reconciled }, decisions: reconciled };
};

/**
 * Feeds one event of a call. Pure: the same state, event and rule set give the same result.
 * Duplicates and events after call_ended change nothing.
 */
export const step = (state: CallState, event: RuleEvent, ruleSet: RuleSet): StepResult => {
  const recorded = recordEvent(state, event, ruleSet.maxFragments);
  switch (recorded.kind) {
    case 'duplicate':
    case 'ignored':
      return { state, decisions: [] };
    case 'recorded':
      return decideLive(recorded.state, ruleSet, 'event');
    case 'ended': {
      const ended = recorded.state as CallState & { endedAt: number };
      return endCall(ended, event.type === 'call_ended' ? event.finalTranscript : [], ruleSet);
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
  return decideLive({ ...state, sweptTo: nowUnixSeconds }, ruleSet, 'deadline');
};
