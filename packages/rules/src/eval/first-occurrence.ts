import type { Node } from '../compile/node.js';
import type { CallView } from './call-view.js';
import { evaluateNode } from './evaluate-node.js';
import { firstOfAll } from './logic.js';
import type { Occurrence } from './outcome.js';
import { firstSaid } from './said.js';

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
      // Mostly some child has not occurred yet, which its first occurrence alone says.
      for (const child of node.children) {
        if (firstOccurrence(child, view) === undefined) return undefined;
      }
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
    case 'followedBy':
      // Both halves must have occurred, and the first of each says whether they have.
      if (firstOccurrence(node.first, view) === undefined) return undefined;
      if (firstOccurrence(node.then, view) === undefined) return undefined;
      return evaluateNode(node, view).occurrences[0];
    case 'notFollowedBy':
      if (firstOccurrence(node.first, view) === undefined) return undefined;
      return evaluateNode(node, view).occurrences[0];
    default:
      return evaluateNode(node, view).occurrences[0];
  }
};
