import type { Node } from '../compile/node.js';
import type { Evidence } from '../types.js';
import { speaks, type CallView } from './call-view.js';
import { hitEvidence } from './evidence.js';
import { leafMemo, leafOutcome, occur, remember, type LeafMemo } from './memo.js';
import { NO_EVIDENCE, NO_OCCURRENCES, type Occurrence, type Outcome } from './outcome.js';
import { windowRange } from './window.js';

type Said = Extract<Node, { op: 'said' }>;

/**
 * Reads the view's utterances the memo has not seen, until it holds `enough` occurrences.
 * Each hit from the `atLeast`-th on is an occurrence, evidenced by the `atLeast` hits
 * ending with it; hits count in utterance time order, then text order.
 */
const readSaid = (
  node: Said,
  view: CallView,
  range: { from: number; to: number },
  memo: LeafMemo<Evidence>,
  enough: number,
): void => {
  const { utterances } = view;
  const { list } = node;
  const keep = node.atLeast - 1;
  while (memo.seen < utterances.length && memo.occurrences.length < enough) {
    const u = utterances[memo.seen++] as CallView['utterances'][number];
    if (u.at < range.from || u.at > range.to || !speaks(node.speakers, u.speaker)) continue;
    // The utterance's hits of the list, in text order (see `TextAnalysis`).
    const { lists } = u.analysis;
    for (let hit = lists.indexOf(list); hit >= 0; hit = lists.indexOf(list, hit + 1)) {
      const evidence = hitEvidence(u, hit);
      const recent = memo.recent ?? NO_EVIDENCE;
      if (recent.length === keep) occur(memo, { at: u.at, evidence: [...recent, evidence] });
      remember(memo, evidence, keep);
    }
  }
};

/**
 * The node's memo, holding at least its first `enough` occurrences (all by default); null
 * while its window cannot be known. A `lastSeconds` window moves with the call's end, so
 * its reading is never kept.
 */
const saidMemo = (node: Said, view: CallView, enough = Infinity): LeafMemo<Evidence> | null => {
  const range = windowRange(node.window, view);
  if (range === null) return null;
  const kept = node.window === undefined || !('lastSeconds' in node.window);
  const memo = leafMemo<Evidence>(node, view, kept);
  readSaid(node, view, range, memo, enough);
  return memo;
};

/** `said`'s first occurrence, reading no further than it. */
export const firstSaid = (node: Said, view: CallView): Occurrence | undefined =>
  saidMemo(node, view, 1)?.occurrences[0];

// A `lastSeconds` window before the call's end: nothing is known yet.
const UNKNOWN: Outcome = Object.freeze({
  occurrences: NO_OCCURRENCES,
  completeBefore: -Infinity,
});

export const evaluateSaid = (node: Said, view: CallView): Outcome => {
  const memo = saidMemo(node, view);
  return memo === null ? UNKNOWN : leafOutcome(memo, view);
};
