import type { Node } from '../compile/node.js';

/**
 * The latest provider second at which a condition can still occur, from the rule alone:
 * a window's end, `longerThan`'s seconds, or Infinity (the call's end) for the rest. A
 * negation is decided once this has passed.
 */
export const deadlineOf = (node: Node): number => {
  switch (node.op) {
    case 'said':
      if (node.window === undefined || 'lastSeconds' in node.window) return Infinity;
      return 'firstSeconds' in node.window ? node.window.firstSeconds : node.window.toSecond;
    case 'longerThan':
      return node.seconds;
    case 'near':
    case 'sentiment':
    case 'event':
      return Infinity;
    case 'all':
    case 'any':
      return Math.max(...node.children.map(deadlineOf));
    case 'not':
      return deadlineOf(node.child);
    case 'followedBy':
      return Math.min(deadlineOf(node.first) + node.within, deadlineOf(node.then));
    case 'notFollowedBy':
      return deadlineOf(node.first) + node.within;
  }
};
