import type { Node } from '../compile/node.js';
import type { Evidence } from '../types.js';
import { speaks, type CallView } from './call-view.js';
import { evidenceOf } from './evidence.js';
import type { Occurrence, Outcome } from './outcome.js';
import { windowRange } from './window.js';

type Said = Extract<Node, { op: 'said' }>;

/**
 * Each hit from the `atLeast`-th on is an occurrence, evidenced by the `atLeast` hits
 * ending with it. Hits count in utterance time order, then text order.
 */
export const evaluateSaid = (node: Said, view: CallView): Outcome => {
  const range = windowRange(node.window, view);
  const completeBefore = view.endAt === null ? view.now : Infinity;
  if (range === null) return { occurrences: [], completeBefore: -Infinity };
  const hits: Evidence[] = [];
  for (const u of view.utterances) {
    if (u.at < range.from || u.at > range.to || !speaks(node.speakers, u.speaker)) continue;
    for (const hit of u.analysis.hits) {
      if (hit.list === node.list) hits.push(evidenceOf(u, hit.start, hit.end));
    }
  }
  const occurrences: Occurrence[] = [];
  for (let i = node.atLeast - 1; i < hits.length; i++) {
    const last = hits[i] as Evidence;
    occurrences.push({ at: last.atSecond, evidence: hits.slice(i - node.atLeast + 1, i + 1) });
  }
  return { occurrences, completeBefore };
};
