import type { Condition } from './condition.js';

/** Calls `visit` on a condition and every condition inside it, with its path from `path`. */
export const walkConditions = (
  condition: Condition,
  path: readonly PropertyKey[],
  visit: (condition: Condition, path: readonly PropertyKey[]) => void,
): void => {
  visit(condition, path);
  if ('all' in condition)
    condition.all.forEach((c, i) => walkConditions(c, [...path, 'all', i], visit));
  else if ('any' in condition)
    condition.any.forEach((c, i) => walkConditions(c, [...path, 'any', i], visit));
  else if ('not' in condition) walkConditions(condition.not, [...path, 'not'], visit);
  else if ('followedBy' in condition) {
    walkConditions(condition.followedBy.first, [...path, 'followedBy', 'first'], visit);
    walkConditions(condition.followedBy.then, [...path, 'followedBy', 'then'], visit);
  } else if ('notFollowedBy' in condition) {
    walkConditions(condition.notFollowedBy.first, [...path, 'notFollowedBy', 'first'], visit);
    walkConditions(condition.notFollowedBy.then, [...path, 'notFollowedBy', 'then'], visit);
  }
};
