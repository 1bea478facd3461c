import type { Evidence } from '../types.js';
import type { Utterance } from './call-view.js';

// Live, a call's utterances are evaluated again at every event, and most of that work
// used to be building the same evidence objects again. Evidence is never mutated, so each
// utterance keeps what it has built (`Utterance.built`): one object per hit, and one for
// the whole utterance.
export interface BuiltEvidence {
  whole?: Evidence;
  /** By the hit's index in the utterance's analysis. */
  hits: (Evidence | undefined)[];
}

const memoOf = (u: Utterance): BuiltEvidence => {
  if (u.built === undefined) u.built = { hits: [] };
  return u.built;
};

/** Evidence for a hit at `start..end` of an utterance (the whole of it by default). */
const evidenceOf = (u: Utterance, start = 0, end = u.text.length): Evidence => {
  const evidence: Evidence = { speaker: u.speaker, text: u.text, start, end, atSecond: u.at };
  if (u.eventId !== undefined) evidence.eventId = u.eventId;
  return evidence;
};

/**
 * The evidence of the utterance's `index`-th hit (see `TextAnalysis`): the same object
 * every time.
 */
export const hitEvidence = (u: Utterance, index: number): Evidence => {
  const memo = memoOf(u);
  const known = memo.hits[index];
  if (known !== undefined) return known;
  const { spans } = u.analysis;
  const evidence = evidenceOf(u, spans[index * 4], spans[index * 4 + 1]);
  memo.hits[index] = evidence;
  return evidence;
};

/** The evidence of the whole utterance (the same object every time). */
export const wholeEvidence = (u: Utterance): Evidence => {
  const memo = memoOf(u);
  if (memo.whole !== undefined) return memo.whole;
  const evidence = evidenceOf(u);
  memo.whole = evidence;
  return evidence;
};
