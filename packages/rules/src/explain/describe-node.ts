import type { Node } from '../compile/node.js';

const who = (speakers: readonly string[] | null) =>
  speakers === null ? 'anyone' : speakers.join(' or ');

/** A node as a short phrase, e.g. `said "churn" by customer at least 2 times in first 30s`. */
export const describeNode = (node: Node): string => {
  switch (node.op) {
    case 'said': {
      const times = node.atLeast > 1 ? ` at least ${node.atLeast} times` : '';
      const w = node.window;
      const window =
        w === undefined
          ? ''
          : 'firstSeconds' in w
            ? ` in first ${w.firstSeconds}s`
            : 'lastSeconds' in w
              ? ` in last ${w.lastSeconds}s`
              : ` from ${w.fromSecond}s to ${w.toSecond}s`;
      return `said "${node.label}" by ${who(node.speakers)}${times}${window}`;
    }
    case 'near':
      return `near [${node.terms.join(', ')}] within ${node.words} words by ${who(node.speakers)}`;
    case 'sentiment':
      return `sentiment of ${node.speaker ?? 'anyone'} over last ${node.overLast} ${
        node.below !== undefined ? `below ${node.below}` : `above ${node.above}`
      }`;
    case 'event':
      return `event ${node.event}`;
    case 'longerThan':
      return `longer than ${node.seconds}s`;
    case 'all':
      return 'all of';
    case 'any':
      return 'any of';
    case 'not':
      return 'not';
    case 'followedBy':
      return `first, then within ${node.within}s`;
    case 'notFollowedBy':
      return `first, not followed within ${node.within}s by then`;
  }
};

export const childrenOf = (node: Node): { role: string; node: Node }[] => {
  switch (node.op) {
    case 'all':
    case 'any':
      return node.children.map((child) => ({ role: '', node: child }));
    case 'not':
      return [{ role: '', node: node.child }];
    case 'followedBy':
    case 'notFollowedBy':
      return [
        { role: 'first: ', node: node.first },
        { role: 'then: ', node: node.then },
      ];
    default:
      return [];
  }
};
