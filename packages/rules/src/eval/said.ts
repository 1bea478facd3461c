import type { Node } from '../compile/node.js';
import { hitsOf } from '../compile/text-analysis.js';
import type { Evidence } from '../types.js';
import { speaks, type CallView } from './call-view.js';
import { hitEvidence } from './evidence.js';
import type { Occurrence, Outcome } from './outcome.js';
import { windowRange } from './window.js';

type Said = Extract<Node, { op: 'said' }>;

/**
 * The node's hits in utterance time order, then text order, as evidence: at most `max`
 * of them; null while its window cannot be known.
 */
export const saidHits = (node: Said, view: CallView, max = Infinity): Evidence[] | null => {
  const range = windowRange(node.window, view);
  if (range === null) return null;
  const hits: Evidence[] = [];
  for (const u of view.utterances) {
    if (u.at < range.from || u.at > range.to || !speaks(node.speakers, u.speaker)) continue;
    for (const hit of hitsOf(u.analysis, node.list)) {
      hits.push(hitEvidence(u, hit));
      if (hits.length >= max) return hits;
    }
  }
  return hits;
};

/**
 * Each hit from the `atLeast`-th on is an occurrence, evidenced by the `atLeast` hits
 * ending with it. Hits count in utterance time order, then text order.
 */
export const evaluateSaid = (node: Said, view: CallView): Outcome => {
  const completeBefore = view.endAt === null ? view.now : Infinity;
  const hits = saidHits(node, view);
  if (hits === null) return { occurrences: [], completeBefore: -Infinity };
  const occurrences: Occurrence[] = [];
  for (let i = node.atLeast - 1; i < hits.length; i++) {
    const last = hits[i] as Evidence;
    occurrences.push({ at: last.atSecond, evidence: hits.slice(i - node.atLeast + 1, i + 1) });
  }
  return { occurrences, completeBefore };
};
