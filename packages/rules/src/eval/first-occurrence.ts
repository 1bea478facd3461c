import type { Node } from '../compile/node.js';
import type { Evidence } from '../types.js';
import { speaks, type CallView } from './call-view.js';
import { evaluateNode } from './evaluate-node.js';
import { evidenceOf } from './evidence.js';
import { firstOfAll } from './logic.js';
import type { Occurrence } from './outcome.js';
import { windowRange } from './window.js';

type Said = Extract<Node, { op: 'said' }>;

/** `said`'s first occurrence: its `atLeast`-th hit, without collecting the later ones. */
const firstSaid = (node: Said, view: CallView): Occurrence | undefined => {
  const range = windowRange(node.window, view);
  if (range === null) return undefined;
  const hits: Evidence[] = [];
  for (const u of view.utterances) {
    if (u.at < range.from || u.at > range.to || !speaks(node.speakers, u.speaker)) continue;
    for (const hit of u.analysis.hits) {
      if (hit.list !== node.list) continue;
      hits.push(evidenceOf(u, hit.start, hit.end));
      if (hits.length === node.atLeast) return { at: u.at, evidence: hits };
    }
  }
  return undefined;
};

/**
 * A condition's earliest occurrence given what `view` knows: what a rule's decision needs.
 * The same as `evaluateNode(node, view).occurrences[0]` (a property test checks it), with
 * less work where the first is found without all the others.
 */
export const firstOccurrence = (node: Node, view: CallView): Occurrence | undefined => {
  switch (node.op) {
    case 'said':
      return firstSaid(node, view);
    case 'all':
      return firstOfAll(node.children.map((c) => evaluateNode(c, view)));
    case 'any': {
      let first: Occurrence | undefined;
      for (const child of node.children) {
        const found = firstOccurrence(child, view);
        // Ties go to the earlier child, as in the merged list.
        if (found !== undefined && (first === undefined || found.at < first.at)) first = found;
      }
      return first;
    }
    default:
      return evaluateNode(node, view).occurrences[0];
  }
};
