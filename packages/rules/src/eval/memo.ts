import type { Node } from '../compile/node.js';
import type { CallView } from './call-view.js';
import { NO_OCCURRENCES, type Occurrence, type Outcome } from './outcome.js';

type Leaf = Extract<Node, { slot: number }>;

/**
 * What one leaf condition (`said`, `near`, `sentiment`) has worked out from the first
 * `seen` utterances of a call: its occurrences so far, and the latest items (`R`) the next
 * occurrence may be evidenced with. Its occurrences depend on the utterances alone, and a
 * live call's utterances only grow at the end, so each event adds the new utterance's part
 * instead of reading the whole call again. The same code reads a whole call from an empty
 * memo: one implementation, live and offline. One small object until something occurs: a
 * live analyzer keeps one per leaf for every call it follows.
 */
export interface LeafMemo<R> {
  node: Leaf;
  seen: number;
  recent: R[] | null;
  occurrences: readonly Occurrence[];
  /** What `leafOutcome` hands out, made at the first read. */
  outcome: Outcome | null;
}

/** Adds an occurrence (in time order) to the memo. */
export const occur = <R>(memo: LeafMemo<R>, occurrence: Occurrence): void => {
  if (memo.occurrences === NO_OCCURRENCES) memo.occurrences = [occurrence];
  else (memo.occurrences as Occurrence[]).push(occurrence);
};

/** Keeps `item` among the latest `keep` items. */
export const remember = <R>(memo: LeafMemo<R>, item: R, keep: number): void => {
  if (keep === 0) return;
  if (memo.recent === null) memo.recent = [item];
  else {
    memo.recent.push(item);
    if (memo.recent.length > keep) memo.recent.shift();
  }
};

/**
 * A call's leaf memos by `slot`, valid for one utterance list (`CallView.utterances`) and
 * every list that only extends it. Whoever extends the list keeps the memos; whoever
 * changes it otherwise (a late fragment, a new call start) starts new ones.
 */
export type LeafMemos = (LeafMemo<unknown> | undefined)[];

const fresh = <R>(node: Leaf): LeafMemo<R> => ({
  node,
  seen: 0,
  recent: null,
  occurrences: NO_OCCURRENCES,
  outcome: null,
});

/**
 * The leaf's memo in `view`, or a new one that only this evaluation sees (a view without
 * memos, or `kept` false). A memo made for another node in the same slot (a copy of it
 * with other options, as `--explain` makes) is not taken.
 */
export const leafMemo = <R>(node: Leaf, view: CallView, kept = true): LeafMemo<R> => {
  const memos = view.memos;
  if (memos === undefined || !kept) return fresh(node);
  const known = memos[node.slot];
  if (known !== undefined && known.node === node) return known as LeafMemo<R>;
  const memo = fresh<R>(node);
  memos[node.slot] = memo;
  return memo;
};

/**
 * The leaf's outcome in `view`: its occurrences so far, complete up to what the view knows.
 * One object per memo, refreshed at each read — an outcome is read at once, never kept
 * (see `Outcome`), and a live call reads its leaves at nearly every event.
 */
export const leafOutcome = <R>(memo: LeafMemo<R>, view: CallView): Outcome => {
  const completeBefore = view.endAt === null ? view.now : Infinity;
  if (memo.outcome === null) memo.outcome = { occurrences: memo.occurrences, completeBefore };
  else {
    memo.outcome.occurrences = memo.occurrences;
    memo.outcome.completeBefore = completeBefore;
  }
  return memo.outcome;
};
