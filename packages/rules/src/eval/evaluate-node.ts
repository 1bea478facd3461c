import type { Node } from '../compile/node.js';
import type { CallView } from './call-view.js';
import { deadlineOf } from './deadline.js';
import { evaluateEvent, evaluateLongerThan } from './lifecycle.js';
import { allOf, anyOf, notOf } from './logic.js';
import { evaluateNear } from './near.js';
import type { Outcome } from './outcome.js';
import { evaluateSaid } from './said.js';
import { evaluateSentiment } from './sentiment.js';
import { followedBy, notFollowedBy } from './sequence.js';

/** A condition's decided occurrences given what `view` knows: the whole evaluator. */
export const evaluateNode = (node: Node, view: CallView): Outcome => {
  switch (node.op) {
    case 'said':
      return evaluateSaid(node, view);
    case 'near':
      return evaluateNear(node, view);
    case 'sentiment':
      return evaluateSentiment(node, view);
    case 'event':
      return evaluateEvent(node, view);
    case 'longerThan':
      return evaluateLongerThan(node, view);
    case 'all':
      return allOf(node.children.map((c) => evaluateNode(c, view)));
    case 'any':
      return anyOf(node.children.map((c) => evaluateNode(c, view)));
    case 'not':
      return notOf(evaluateNode(node.child, view), deadlineOf(node.child), view);
    case 'followedBy':
      return followedBy(evaluateNode(node.first, view), evaluateNode(node.then, view), node.within);
    case 'notFollowedBy':
      return notFollowedBy(
        evaluateNode(node.first, view),
        evaluateNode(node.then, view),
        node.within,
        view,
      );
  }
};
