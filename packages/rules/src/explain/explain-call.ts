import type { RuleSet } from '../compile/compile-rules.js';
import type { Node } from '../compile/node.js';
import type { CallView } from '../eval/call-view.js';
import { evaluateNode } from '../eval/evaluate-node.js';
import { liveView } from '../eval/live-view.js';
import type { Outcome } from '../eval/outcome.js';
import { evaluateCall } from '../evaluate-call.js';
import { finalView } from '../final/final-view.js';
import type { RuleEvent } from '../state/rule-event.js';
import { childrenOf, describeNode } from './describe-node.js';

const seconds = (at: number) => `${Math.round(at * 10) / 10}s`;

const verdict = (outcome: Outcome, view: CallView): string => {
  const times = outcome.occurrences.map((o) => o.at);
  if (times.length > 0) {
    const shown = times.slice(0, 5).map(seconds).join(', ');
    return `holds at ${shown}${times.length > 5 ? ` (+${times.length - 5} more)` : ''}`;
  }
  return view.endAt !== null || outcome.completeBefore === Infinity
    ? 'never holds'
    : `not yet decided (known up to ${seconds(view.now)})`;
};

/** Why a leaf did not hold, when counting says more than "never holds". */
const shortfall = (node: Node, view: CallView): string => {
  if (node.op === 'said' && node.atLeast > 1) {
    const hits = evaluateNode({ ...node, atLeast: 1 }, view).occurrences.length;
    return hits < node.atLeast ? ` (${hits} hit${hits === 1 ? '' : 's'})` : '';
  }
  if (node.op === 'sentiment') {
    const count = view.utterances.filter(
      (u) => node.speaker === null || u.speaker === node.speaker,
    ).length;
    if (count < node.overLast) return ` (only ${count} utterance${count === 1 ? '' : 's'})`;
  }
  return '';
};

const explainNode = (node: Node, view: CallView, depth: number, role: string): string[] => {
  const outcome = evaluateNode(node, view);
  const extra = outcome.occurrences.length === 0 ? shortfall(node, view) : '';
  const line = `${'  '.repeat(depth)}${role}${describeNode(node)}: ${verdict(outcome, view)}${extra}`;
  return [line, ...childrenOf(node).flatMap((c) => explainNode(c.node, view, depth + 1, c.role))];
};

/**
 * Why each rule did or did not match a whole call: one line per rule with its settled
 * match, then one per condition, indented, saying when it held (on the final transcript
 * once the call has ended, else on what the live path knows).
 */
export const explainCall = (events: readonly RuleEvent[], ruleSet: RuleSet): string[] => {
  const { state, matches, ended } = evaluateCall(events, ruleSet);
  const endEvent = events.find((e) => e.type === 'call_ended');
  const view =
    ended && state.endedAt !== null
      ? finalView(
          { ...state, endedAt: state.endedAt },
          endEvent?.type === 'call_ended' ? endEvent.finalTranscript : [],
          ruleSet,
        )
      : liveView(state, ruleSet);
  return ruleSet.rules.flatMap((rule) => {
    const match = matches.find((m) => m.rule === rule.name && m.ruleVersion === rule.version);
    const head = `${rule.key} (${rule.severity}): ${
      match === undefined
        ? 'no match'
        : `${match.phase} ${match.status} at ${seconds(match.atSecond)} (basis ${match.basis})`
    }`;
    return view === null ? [head, '  no events'] : [head, ...explainNode(rule.when, view, 1, '')];
  });
};
