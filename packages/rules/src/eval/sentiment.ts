import type { Node } from '../compile/node.js';
import { type CallView, type Utterance } from './call-view.js';
import { wholeEvidence } from './evidence.js';
import { leafMemo, leafOutcome, occur, remember } from './memo.js';
import type { Outcome } from './outcome.js';

type Sentiment = Extract<Node, { op: 'sentiment' }>;

/**
 * After each of the speaker's utterances from the `overLast`-th on, the mean comparative
 * score of the last `overLast` is compared (strictly) with the threshold; fewer utterances
 * decide nothing. Each utterance where it holds is an occurrence.
 */
export const evaluateSentiment = (node: Sentiment, view: CallView): Outcome => {
  const memo = leafMemo<Utterance>(node, view);
  const { utterances } = view;
  const n = node.overLast;
  for (; memo.seen < utterances.length; memo.seen++) {
    const u = utterances[memo.seen] as Utterance;
    if (node.speaker !== null && u.speaker !== node.speaker) continue;
    remember(memo, u, n);
    const recent = memo.recent;
    if (recent === null || recent.length < n) continue;
    // Summed afresh for each window, in order: the same float as a reduce over it.
    let sum = 0;
    for (const r of recent) sum += r.analysis.comparative;
    const mean = sum / n;
    const holds = node.below !== undefined ? mean < node.below : mean > (node.above ?? Infinity);
    if (holds) occur(memo, { at: u.at, evidence: recent.map(wholeEvidence) });
  }
  return leafOutcome(memo, view);
};
