import {
  createAnalyzer,
  createBoundedCache,
  createHitFinder,
  type KeywordHit,
  type TokenizedAnalysis,
} from '@callpulse/analysis';
import type { CollectedLists } from './compile-condition.js';

/** A hit with its UTF-16 offsets and the indexes of its first and last word. */
export interface TextHit {
  start: number;
  end: number;
  firstWord: number;
  lastWord: number;
}

/** What the rules need from one utterance: its sentiment and the hits per compiled list. */
export interface TextAnalysis {
  comparative: number;
  hits: ReadonlyMap<string, readonly TextHit[]>;
}

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

/** The index of the token starting (or ending) at `offset`; tokens are in text order. */
const wordAt = (tokens: TokenizedAnalysis['tokens'], offset: number, edge: 'start' | 'end') => {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = (tokens[mid] as (typeof tokens)[number])[edge];
    if (at === offset) return mid;
    if (at < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
};

const byList = (hits: readonly KeywordHit[], analyzed: TokenizedAnalysis) => {
  const found = new Map<string, TextHit[]>();
  for (const hit of hits) {
    const entry = {
      start: hit.start,
      end: hit.end,
      firstWord: wordAt(analyzed.tokens, hit.start, 'start'),
      lastWord: wordAt(analyzed.tokens, hit.end, 'end'),
    };
    const list = found.get(hit.list);
    if (list === undefined) found.set(hit.list, [entry]);
    else list.push(entry);
  }
  return found;
};

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
  const shared = new Set(lists.shared.map((l) => l.name));
  const cache = createBoundedCache<TextAnalysis>({ maxEntries: cacheSize });

  const remember = (text: string, result: TextAnalysis): TextAnalysis => {
    cache.set(text, result);
    return result;
  };

  return {
    analyze: (text) => {
      const known = cache.get(text);
      if (known !== undefined) return known;
      const analyzed = analyzer.analyzeTokenized(text, speaker);
      return remember(text, {
        comparative: analyzed.sentiment.comparative,
        hits: byList(analyzed.hits, analyzed),
      });
    },
    learn: (text, analyzed) => {
      if (cache.get(text) !== undefined) return;
      const hits = analyzed.hits.filter((h) => shared.has(h.list));
      if (lists.own.length > 0) hits.push(...ownHits(analyzed.tokens, text, speaker));
      remember(text, { comparative: analyzed.sentiment.comparative, hits: byList(hits, analyzed) });
    },
  };
};
