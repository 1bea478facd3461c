import type { TextHit } from '../compile/text-analysis.js';
import type { Evidence } from '../types.js';
import type { Utterance } from './call-view.js';

// Live, a call's utterances are evaluated again at every event, and most of that work
// used to be building the same evidence objects again. Evidence is never mutated, so each
// utterance keeps what it has built: one object per hit, and one for the whole utterance.
// (A symbol-keyed, non-enumerable property: invisible to JSON and to spreads.)
const MEMO = Symbol('evidence');

interface Memo {
  whole?: Evidence;
  /** By the hit's index in the utterance's analysis. */
  hits: (Evidence | undefined)[];
}

type Memoized = Utterance & { [MEMO]?: Memo };

const memoOf = (u: Memoized): Memo | undefined => {
  const known = u[MEMO];
  if (known !== undefined || !Object.isExtensible(u)) return known;
  const memo: Memo = { hits: [] };
  Object.defineProperty(u, MEMO, { value: memo });
  return memo;
};

/** Evidence for a hit at `start..end` of an utterance (the whole of it by default). */
const evidenceOf = (u: Utterance, start = 0, end = u.text.length): Evidence => {
  const evidence: Evidence = { speaker: u.speaker, text: u.text, start, end, atSecond: u.at };
  if (u.eventId !== undefined) evidence.eventId = u.eventId;
  return evidence;
};

/** The evidence of one of the utterance's hits (the same object every time). */
export const hitEvidence = (u: Utterance, hit: TextHit): Evidence => {
  const memo = memoOf(u);
  const known = memo?.hits[hit.index];
  if (known !== undefined) return known;
  const evidence = evidenceOf(u, hit.start, hit.end);
  if (memo !== undefined) memo.hits[hit.index] = evidence;
  return evidence;
};

/** The evidence of the whole utterance (the same object every time). */
export const wholeEvidence = (u: Utterance): Evidence => {
  const memo = memoOf(u);
  if (memo?.whole !== undefined) return memo.whole;
  const evidence = evidenceOf(u);
  if (memo !== undefined) memo.whole = evidence;
  return evidence;
};
