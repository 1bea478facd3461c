import type { Node } from '../compile/node.js';
import type { Evidence } from '../types.js';
import type { CallView } from './call-view.js';
import { evaluateNode } from './evaluate-node.js';
import { firstOfAll } from './logic.js';
import type { Occurrence } from './outcome.js';
import { saidHits } from './said.js';

/** `said`'s first occurrence: its `atLeast`-th hit, without collecting the later ones. */
const firstSaid = (node: Extract<Node, { op: 'said' }>, view: CallView) => {
  const hits = saidHits(node, view, node.atLeast);
  const last = hits?.[node.atLeast - 1];
  return last === undefined ? undefined : { at: last.atSecond, evidence: hits as Evidence[] };
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
