import type { Node } from '../compile/node.js';
import { type CallView, type Utterance } from './call-view.js';
import { wholeEvidence } from './evidence.js';
import type { Occurrence, Outcome } from './outcome.js';

type Sentiment = Extract<Node, { op: 'sentiment' }>;

/**
 * After each of the speaker's utterances from the `overLast`-th on, the mean comparative
 * score of the last `overLast` is compared (strictly) with the threshold; fewer utterances
 * decide nothing. Each utterance where it holds is an occurrence.
 */
export const evaluateSentiment = (node: Sentiment, view: CallView): Outcome => {
  const mine: Utterance[] = [];
  for (const u of view.utterances)
    if (node.speaker === null || u.speaker === node.speaker) mine.push(u);
  const occurrences: Occurrence[] = [];
  const n = node.overLast;
  for (let i = n - 1; i < mine.length; i++) {
    // Summed afresh for each window, in order: the same float as a reduce over it.
    let sum = 0;
    for (let j = i - n + 1; j <= i; j++) sum += (mine[j] as Utterance).analysis.comparative;
    const mean = sum / n;
    const holds = node.below !== undefined ? mean < node.below : mean > (node.above ?? Infinity);
    if (holds) {
      const last = mine.slice(i - n + 1, i + 1);
      occurrences.push({ at: (mine[i] as Utterance).at, evidence: last.map(wholeEvidence) });
    }
  }
  return { occurrences, completeBefore: view.endAt === null ? view.now : Infinity };
};
