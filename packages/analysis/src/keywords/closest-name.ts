import { editDistanceWithin } from './edit-distance.js';

/**
 * The candidate a misspelt `name` most likely meant, for a "did you mean" hint: the one
 * equal to it but for case, else the nearest within 2 edits (1 for names of up to 5
 * characters), ignoring case; undefined when none is that close.
 */
export const closestName = (name: string, candidates: readonly string[]): string | undefined => {
  const lower = name.toLowerCase();
  const max = lower.length <= 5 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistanceWithin(lower, candidate.toLowerCase(), max);
    if (distance <= max && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
};
