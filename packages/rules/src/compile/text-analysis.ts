import {
  createAnalyzer,
  createBoundedCache,
  createHitFinder,
  type KeywordHit,
  type Token,
  type TokenizedAnalysis,
} from '@callpulse/analysis';
import type { CollectedLists } from './compile-condition.js';

/**
 * A hit of one of the rule set's lists, at UTF-16 offsets of the text (end exclusive),
 * with the indexes of its first and last word where a rule needs them (`near`'s lists;
 * -1 for the others).
 */
export interface TextHit {
  list: string;
  start: number;
  end: number;
  /** Its position among its analysis's hits. */
  index: number;
  firstWord: number;
  lastWord: number;
}

/**
 * What the rules need from one utterance: its sentiment and the hits of every list, in
 * text order within each list (lists the rules do not name may be there too). A live call
 * keeps its utterances' analyses until it ends, thousands of calls at once, so an analysis
 * is a few flat arrays rather than an object per hit: what the garbage collector copies
 * for every analysis kept is most of what the rules cost.
 */
export interface TextAnalysis {
  comparative: number;
  /** Per hit, its list. */
  lists: readonly string[];
  /** Per hit, four numbers: start, end, first word, last word (see `TextHit`). */
  spans: readonly number[];
}

const NONE: readonly TextHit[] = Object.freeze([]);
const NO_HITS: readonly never[] = Object.freeze([]);

/** The hits of one list, in text order. */
export const hitsOf = (analysis: TextAnalysis, list: string): readonly TextHit[] => {
  const { lists, spans } = analysis;
  let hits: TextHit[] | undefined;
  for (let i = lists.indexOf(list); i >= 0; i = lists.indexOf(list, i + 1)) {
    const at = i * 4;
    const hit: TextHit = {
      list,
      start: spans[at] as number,
      end: spans[at + 1] as number,
      index: i,
      firstWord: spans[at + 2] as number,
      lastWord: spans[at + 3] as number,
    };
    if (hits === undefined) hits = [hit];
    else hits.push(hit);
  }
  return hits ?? NONE;
};

/** Whether the utterance hit `list` at all. */
export const hasHits = (analysis: TextAnalysis, list: string): boolean =>
  analysis.lists.includes(list);

/** The index of the token starting (or ending) at `offset`; tokens are in text order. */
const wordAt = (tokens: readonly Token[], offset: number, edge: 'start' | 'end') => {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = (tokens[mid] as Token)[edge];
    if (at === offset) return mid;
    if (at < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
};

/**
 * The rules' analysis of an utterance from the analyzer's sentiment, hits and tokens.
 * Most utterances hit nothing: they share one empty set of hits.
 */
const textAnalysis = (
  comparative: number,
  found: readonly { list: string; start: number; end: number }[],
  tokens: readonly Token[],
  positional: ReadonlySet<string>,
): TextAnalysis => {
  if (found.length === 0) return { comparative, lists: NO_HITS, spans: NO_HITS };
  const lists: string[] = [];
  const spans: number[] = [];
  for (const { list, start, end } of found) {
    const words = positional.has(list);
    lists.push(list);
    spans.push(
      start,
      end,
      words ? wordAt(tokens, start, 'start') : -1,
      words ? wordAt(tokens, end, 'end') : -1,
    );
  }
  return { comparative, lists, spans };
};

export interface TextAnalyzerOptions {
  lists: CollectedLists;
  overrides?: Readonly<Record<string, number>>;
  /** Utterances remembered; the live path re-reads a call's utterances on every event. */
  cacheSize: number;
}

export interface TextAnalyzer {
  analyze: (text: string) => TextAnalysis;
  /**
   * Remembers `text`'s analysis from one the pipeline's analyzer already made, with the
   * same lists and overrides: its sentiment and shared lists' hits are taken as they are,
   * and only the rules' own terms are matched, over its tokens.
   */
  learn: (text: string, analyzed: TokenizedAnalysis) => void;
}

/**
 * One analysis per utterance for every term set of a rule set, so an utterance is
 * tokenized and matched once however many rules look at it — and, in the pipeline, not
 * at all beyond what its analyzer did (`learn`). Results are memoized by text, for a while:
 * the analyzer service learns a whole chunk of fragments before its rules read any, and a
 * live call's memo keeps its utterances' analyses from then on (see `eval/live-view.ts`).
 */
export const createTextAnalyzer = ({
  lists,
  overrides = {},
  cacheSize,
}: TextAnalyzerOptions): TextAnalyzer => {
  // Every collected list listens to "any" speaker, so the speaker argument changes nothing.
  const speaker = 'customer';
  const analyzer = createAnalyzer({ lists: [...lists.shared, ...lists.own], overrides });
  const ownHits = createHitFinder(lists.own);
  const read = new Set([...lists.shared, ...lists.own].map((list) => list.name));
  const cache = createBoundedCache<TextAnalysis>({ maxEntries: cacheSize });

  // The text just learned or read: a live step reads its new utterance's analysis twice.
  let lastText: string | undefined;
  let lastAnalysis: TextAnalysis | undefined;
  const last = (text: string, result: TextAnalysis): TextAnalysis => {
    lastText = text;
    lastAnalysis = result;
    return result;
  };

  return {
    analyze: (text) => {
      if (text === lastText && lastAnalysis !== undefined) return lastAnalysis;
      const known = cache.get(text);
      if (known !== undefined) return last(text, known);
      const { sentiment, hits, tokens } = analyzer.analyzeTokenized(text, speaker);
      const result = textAnalysis(sentiment.comparative, hits, tokens, lists.positional);
      cache.set(text, result);
      return last(text, result);
    },
    learn: (text, analyzed) => {
      // A text learned again gets the same analysis.
      if (text === lastText) return;
      // The analyzer's hits include the shared lists' (under their names); they may also
      // hold lists no rule reads (or reads under a name of its own): those are left out.
      const { sentiment, hits, tokens } = analyzed;
      let kept: readonly KeywordHit[] = hits;
      if (!hits.every((hit) => read.has(hit.list))) kept = hits.filter((hit) => read.has(hit.list));
      const own = lists.own.length > 0 ? ownHits(tokens, text, speaker) : NO_HITS;
      if (own.length > 0) kept = [...kept, ...own];
      const result = textAnalysis(sentiment.comparative, kept, tokens, lists.positional);
      cache.set(text, result);
      last(text, result);
    },
  };
};
