import type { CallView } from './call-view.js';
import {
  joinEvidence,
  latestBy,
  NO_OCCURRENCES as NONE,
  type Occurrence,
  type Outcome,
} from './outcome.js';

/** Whether an occurrence falls in [from, to]. */
const occursIn = (occurrences: readonly Occurrence[], from: number, to: number): boolean => {
  for (const o of occurrences) if (o.at >= from && o.at <= to) return true;
  return false;
};

/**
 * `followedBy` occurs at each occurrence of `then` that comes at or after an occurrence of
 * `first` and at most `within` seconds later (both ends inclusive: timestamps are whole
 * seconds, so a reply in the same second is a reply).
 */
export const followedBy = (first: Outcome, then: Outcome, within: number): Outcome => {
  let occurrences: Occurrence[] | null = null;
  for (const b of then.occurrences) {
    const a = latestBy(first.occurrences, b.at);
    if (a !== undefined && b.at <= a.at + within) {
      const occurrence = { at: b.at, evidence: joinEvidence(a.evidence, b.evidence) };
      if (occurrences === null) occurrences = [occurrence];
      else occurrences.push(occurrence);
    }
  }
  return {
    occurrences: occurrences ?? NONE,
    completeBefore: Math.min(first.completeBefore, then.completeBefore),
  };
};

/**
 * `notFollowedBy` occurs for each occurrence of `first` with no occurrence of `then` in
 * [first, first + within], at first + within. That is decided once `then` is complete past
 * it (a later event or a sweep), or by the call's end, which cuts the wait short: then it
 * is reported at the end.
 */
export const notFollowedBy = (
  first: Outcome,
  then: Outcome,
  within: number,
  view: CallView,
): Outcome => {
  let occurrences: Occurrence[] | null = null;
  for (const a of first.occurrences) {
    const deadline = a.at + within;
    if (occursIn(then.occurrences, a.at, deadline)) continue;
    let at: number;
    if (view.endAt !== null) at = Math.min(deadline, view.endAt);
    else if (then.completeBefore > deadline) at = deadline;
    else continue;
    const occurrence = { at, evidence: a.evidence };
    if (occurrences === null) occurrences = [occurrence];
    else occurrences.push(occurrence);
  }
  const completeBefore =
    view.endAt !== null ? Infinity : Math.min(first.completeBefore + within, then.completeBefore);
  return { occurrences: occurrences ?? NONE, completeBefore };
};
