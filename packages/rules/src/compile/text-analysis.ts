import {
  createAnalyzer,
  createBoundedCache,
  createHitFinder,
  type Token,
  type TokenizedAnalysis,
} from '@callpulse/analysis';
import type { CollectedLists } from './compile-condition.js';

/**
 * A hit of one of the rule set's lists, at UTF-16 offsets of the text (end exclusive),
 * with the indexes of its first and last word (for `near`).
 */
export interface TextHit {
  list: string;
  start: number;
  end: number;
  /** Its position in its analysis's `hits`. */
  index: number;
  firstWord: number;
  lastWord: number;
}

/**
 * What the rules need from one utterance: its sentiment and the hits of every list, in
 * text order within each list (lists the rules do not name may be there too). Not its
 * tokens: a live call keeps its utterances' analyses, and tokens are most of an
 * analysis's memory (and of the garbage collector's work).
 */
export interface TextAnalysis {
  comparative: number;
  hits: readonly TextHit[];
  /** The same hits by list: a condition reads one list of every utterance, many times. */
  byList: ReadonlyMap<string, readonly TextHit[]>;
}

const NONE: readonly TextHit[] = Object.freeze([]);

/** The hits of one list, in text order. */
export const hitsOf = (analysis: TextAnalysis, list: string): readonly TextHit[] =>
  analysis.byList.get(list) ?? NONE;

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

/** The rules' analysis of an utterance from the analyzer's sentiment, hits and tokens. */
const textAnalysis = (
  comparative: number,
  found: readonly { list: string; start: number; end: number }[],
  tokens: readonly Token[],
): TextAnalysis => {
  const hits = found.map(({ list, start, end }, index): TextHit => ({
    list,
    start,
    end,
    index,
    firstWord: wordAt(tokens, start, 'start'),
    lastWord: wordAt(tokens, end, 'end'),
  }));
  const byList = new Map<string, TextHit[]>();
  for (const hit of hits) {
    const same = byList.get(hit.list);
    if (same === undefined) byList.set(hit.list, [hit]);
    else same.push(hit);
  }
  return { comparative, hits, byList };
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
 * at all beyond what its analyzer did (`learn`). Results are memoized by text: the
 * evaluator re-evaluates a call's utterances at each event.
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

  const remember = (text: string, result: TextAnalysis): TextAnalysis => {
    cache.set(text, result);
    return result;
  };

  return {
    analyze: (text) => {
      const known = cache.get(text);
      if (known !== undefined) return known;
      const { sentiment, hits, tokens } = analyzer.analyzeTokenized(text, speaker);
      return remember(text, textAnalysis(sentiment.comparative, hits, tokens));
    },
    learn: (text, analyzed) => {
      if (cache.get(text) !== undefined) return;
      // The analyzer's hits include the shared lists' (under their names); they may also
      // hold lists no rule reads (or reads under a name of its own): those are left out.
      const { sentiment, hits, tokens } = analyzed;
      const own = lists.own.length > 0 ? ownHits(tokens, text, speaker) : [];
      const kept = [...hits.filter((hit) => read.has(hit.list)), ...own];
      remember(text, textAnalysis(sentiment.comparative, kept, tokens));
    },
  };
};
