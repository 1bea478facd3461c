import type { CallView } from './call-view.js';
import { joinEvidence, type Occurrence, type Outcome } from './outcome.js';

/**
 * `followedBy` occurs at each occurrence of `then` that comes at or after an occurrence of
 * `first` and at most `within` seconds later (both ends inclusive: timestamps are whole
 * seconds, so a reply in the same second is a reply).
 */
export const followedBy = (first: Outcome, then: Outcome, within: number): Outcome => {
  const occurrences: Occurrence[] = [];
  for (const b of then.occurrences) {
    const a = first.occurrences.findLast((o) => o.at <= b.at);
    if (a !== undefined && b.at <= a.at + within) {
      occurrences.push({ at: b.at, evidence: joinEvidence(a.evidence, b.evidence) });
    }
  }
  return { occurrences, completeBefore: Math.min(first.completeBefore, then.completeBefore) };
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
  const occurrences: Occurrence[] = [];
  for (const a of first.occurrences) {
    const deadline = a.at + within;
    if (then.occurrences.some((b) => b.at >= a.at && b.at <= deadline)) continue;
    if (view.endAt !== null) {
      occurrences.push({ at: Math.min(deadline, view.endAt), evidence: a.evidence });
    } else if (then.completeBefore > deadline) {
      occurrences.push({ at: deadline, evidence: a.evidence });
    }
  }
  const completeBefore =
    view.endAt !== null ? Infinity : Math.min(first.completeBefore + within, then.completeBefore);
  return { occurrences, completeBefore };
};
