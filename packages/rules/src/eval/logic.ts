import type { CallView } from './call-view.js';
import {
  joinEvidence,
  latestBy,
  mergeOccurrences,
  NO_EVIDENCE,
  NO_OCCURRENCES as NONE,
  type Occurrence,
  type Outcome,
} from './outcome.js';

/** The moment `all` first holds, or null: when its last child first holds. */
const allFrom = (children: readonly Outcome[]): number | null => {
  let from = -Infinity;
  for (const child of children) {
    const first = child.occurrences[0];
    if (first === undefined) return null;
    from = Math.max(from, first.at);
  }
  return from;
};

const evidenceAt = (children: readonly Outcome[], second: number) =>
  joinEvidence(...children.map((c) => latestBy(c.occurrences, second)?.evidence ?? []));

/** `all`'s first occurrence alone (see `allOf`). */
export const firstOfAll = (children: readonly Outcome[]): Occurrence | undefined => {
  const from = allFrom(children);
  return from === null ? undefined : { at: from, evidence: evidenceAt(children, from) };
};

/**
 * `all` holds from the moment its last child first holds; from then on every child
 * occurrence is one of its own, evidenced by each child's latest occurrence so far.
 */
export const allOf = (children: readonly Outcome[]): Outcome => {
  const completeBefore = Math.min(...children.map((c) => c.completeBefore));
  const from = allFrom(children);
  if (from === null) return { occurrences: NONE, completeBefore };
  const occurrences = mergeOccurrences(
    children.map((c) => c.occurrences.filter((o) => o.at >= from)),
  ).map((o) => ({ at: o.at, evidence: evidenceAt(children, o.at) }));
  return { occurrences, completeBefore };
};

/** `any` occurs whenever one of its children does. */
export const anyOf = (children: readonly Outcome[]): Outcome => ({
  occurrences: mergeOccurrences(children.map((c) => c.occurrences)),
  completeBefore: Math.min(...children.map((c) => c.completeBefore)),
});

/**
 * `not C` occurs once, at C's deadline (or the call's end, if sooner), when C did not occur
 * by then. It is decided only when C's occurrences are complete past the deadline, or the
 * call has ended; until then it is pending, neither true nor false.
 */
export const notOf = (child: Outcome, deadline: number, view: CallView): Outcome => {
  const ended = view.endAt !== null;
  if (!ended && child.completeBefore <= deadline) {
    return { occurrences: NONE, completeBefore: view.now };
  }
  const first = child.occurrences[0];
  // Occurrences are in time order: the first says whether any came by the deadline.
  if (first !== undefined && first.at <= deadline) {
    return { occurrences: NONE, completeBefore: Infinity };
  }
  const at = view.endAt === null ? deadline : Math.min(deadline, view.endAt);
  return { occurrences: [{ at, evidence: NO_EVIDENCE }], completeBefore: Infinity };
};
