import type { Node } from '../compile/node.js';
import { type CallView } from './call-view.js';
import { evidenceOf } from './evidence.js';
import type { Occurrence, Outcome } from './outcome.js';

type Sentiment = Extract<Node, { op: 'sentiment' }>;

/**
 * After each of the speaker's utterances from the `overLast`-th on, the mean comparative
 * score of the last `overLast` is compared (strictly) with the threshold; fewer utterances
 * decide nothing. Each utterance where it holds is an occurrence.
 */
export const evaluateSentiment = (node: Sentiment, view: CallView): Outcome => {
  const mine = view.utterances.filter((u) => node.speaker === null || u.speaker === node.speaker);
  const occurrences: Occurrence[] = [];
  for (let i = node.overLast - 1; i < mine.length; i++) {
    const last = mine.slice(i - node.overLast + 1, i + 1);
    const mean = last.reduce((sum, u) => sum + u.analysis.comparative, 0) / last.length;
    const holds = node.below !== undefined ? mean < node.below : mean > (node.above ?? Infinity);
    if (holds) {
      const u = last[last.length - 1];
      if (u !== undefined) occurrences.push({ at: u.at, evidence: last.map((l) => evidenceOf(l)) });
    }
  }
  return { occurrences, completeBefore: view.endAt === null ? view.now : Infinity };
};
