import type { Node } from '../compile/node.js';
import type { CallView } from './call-view.js';
import { deadlineOf } from './deadline.js';
import { evaluateNode } from './evaluate-node.js';

/** `second` if it is still to come (or now), else Infinity. */
const ahead = (second: number, view: CallView): number => (second >= view.now ? second : Infinity);

/**
 * The earliest call second that, once known to have passed (`view.now` at or beyond it),
 * may change `node`'s outcome with no new fact: a negation's deadline, a `notFollowedBy`
 * reply window closing, `longerThan`'s length. Infinity when only new facts can change
 * it. Conservative: waking early costs an evaluation, waking late would miss a decision.
 */
export const wakeAt = (node: Node, view: CallView): number => {
  switch (node.op) {
    case 'said':
    case 'near':
    case 'sentiment':
    case 'event':
      return Infinity;
    case 'longerThan':
      return ahead(node.seconds, view);
    case 'all':
    case 'any': {
      let wake = Infinity;
      for (const child of node.children) wake = Math.min(wake, wakeAt(child, view));
      return wake;
    }
    case 'followedBy':
      return Math.min(wakeAt(node.first, view), wakeAt(node.then, view));
    case 'not':
      return Math.min(ahead(deadlineOf(node.child), view), wakeAt(node.child, view));
    case 'notFollowedBy': {
      let wake = Math.min(wakeAt(node.first, view), wakeAt(node.then, view));
      for (const a of evaluateNode(node.first, view).occurrences) {
        wake = Math.min(wake, ahead(a.at + node.within, view));
      }
      return wake;
    }
  }
};
