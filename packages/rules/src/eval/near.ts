import { hasHits, hitsOf, type TextHit } from '../compile/text-analysis.js';
import type { Node } from '../compile/node.js';
import { speaks, type CallView, type Utterance } from './call-view.js';
import { hitEvidence } from './evidence.js';
import { leafMemo, leafOutcome, occur } from './memo.js';
import type { Occurrence, Outcome } from './outcome.js';

type Near = Extract<Node, { op: 'near' }>;

/**
 * One hit per term whose span has at most `words` words between the hit that ends first
 * and the hit that starts last, or null. Taking each hit in turn as the one that starts
 * last, every other term is best served by its hit starting no later that ends latest.
 */
export const closestSet = (perTerm: readonly (readonly TextHit[])[], words: number) => {
  let best: { gap: number; hits: TextHit[] } | null = null;
  for (const anchor of perTerm.flat()) {
    const chosen: TextHit[] = [];
    for (const hits of perTerm) {
      const candidates = hits.filter((h) => h.firstWord <= anchor.firstWord);
      if (candidates.length === 0) break;
      chosen.push(candidates.reduce((a, b) => (b.lastWord > a.lastWord ? b : a)));
    }
    if (chosen.length < perTerm.length) continue;
    const gap = Math.max(0, anchor.firstWord - Math.min(...chosen.map((h) => h.lastWord)) - 1);
    if (gap <= words && (best === null || gap < best.gap)) best = { gap, hits: chosen };
  }
  return best?.hits ?? null;
};

const nearIn = (node: Near, u: Utterance): Occurrence | null => {
  // Most utterances lack a term: find that out before building anything.
  if (!node.lists.every((list) => hasHits(u.analysis, list))) return null;
  const perTerm = node.lists.map((list) => hitsOf(u.analysis, list));
  const hits = closestSet(perTerm, node.words);
  if (hits === null) return null;
  const ordered = [...hits].sort((a, b) => a.start - b.start);
  return { at: u.at, evidence: ordered.map((h) => hitEvidence(u, h.index)) };
};

/** Every utterance holding all the terms close enough together is an occurrence. */
export const evaluateNear = (node: Near, view: CallView): Outcome => {
  const memo = leafMemo(node, view);
  const { utterances } = view;
  for (; memo.seen < utterances.length; memo.seen++) {
    const u = utterances[memo.seen] as Utterance;
    if (!speaks(node.speakers, u.speaker)) continue;
    const found = nearIn(node, u);
    if (found !== null) occur(memo, found);
  }
  return leafOutcome(memo, view);
};
