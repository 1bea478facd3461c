import type { Evidence } from '../types.js';

/** A moment at which a condition became (or again was) true, and what showed it. */
export interface Occurrence {
  at: number;
  evidence: readonly Evidence[];
}

/**
 * A condition's decided occurrences, sorted by time, and how far the list is complete:
 * every occurrence earlier than `completeBefore` is in it. Negative conditions are decided
 * only once what they deny is complete past their deadline.
 *
 * Read it at once, do not keep it: a leaf hands out the same object at every read, with
 * its memo's own list as `occurrences` (see `memo.ts`), and both change when the call's
 * next utterances are read. The occurrences in it, and their evidence, never change: keep
 * those.
 */
export interface Outcome {
  occurrences: readonly Occurrence[];
  completeBefore: number;
}

/** No occurrence: one shared list, never to be added to. */
export const NO_OCCURRENCES: readonly Occurrence[] = Object.freeze([]);
/** No evidence: one shared list, never to be added to. */
export const NO_EVIDENCE: readonly Evidence[] = Object.freeze([]);

/** The latest occurrence at or before `second` (occurrences are in time order). */
export const latestBy = (
  occurrences: readonly Occurrence[],
  second: number,
): Occurrence | undefined => {
  for (let i = occurrences.length - 1; i >= 0; i--) {
    const o = occurrences[i] as Occurrence;
    if (o.at <= second) return o;
  }
  return undefined;
};

// Evidence is for people reading a match; a few utterances say why, hundreds do not.
const MAX_EVIDENCE = 10;

const sameEvidence = (a: Evidence, b: Evidence) =>
  a.atSecond === b.atSecond && a.start === b.start && a.end === b.end && a.text === b.text;

/** Joins evidence lists, dropping repeats, keeping the first `MAX_EVIDENCE`. */
export const joinEvidence = (...lists: readonly (readonly Evidence[])[]): Evidence[] => {
  const out: Evidence[] = [];
  for (const list of lists) {
    for (const e of list) {
      if (out.length >= MAX_EVIDENCE) return out;
      if (!out.some((o) => sameEvidence(o, e))) out.push(e);
    }
  }
  return out;
};

/** Merges sorted occurrence lists into one sorted list (stable: earlier lists win ties). */
export const mergeOccurrences = (lists: readonly (readonly Occurrence[])[]): Occurrence[] => {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length === 1) return [...(nonEmpty[0] as readonly Occurrence[])];
  return nonEmpty.flat().sort((a, b) => a.at - b.at);
};
