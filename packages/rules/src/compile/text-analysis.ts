import { createAnalyzer, tokenize, type KeywordList } from '@callpulse/analysis';

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
  lists: readonly KeywordList[];
  overrides?: Readonly<Record<string, number>>;
  /** Utterances remembered; the live path re-reads a call's utterances on every event. */
  cacheSize: number;
}

/**
 * One analyzer for every term set of a rule set, so an utterance is tokenized and matched
 * once however many rules look at it. Results are memoized by text: the evaluator
 * re-evaluates a call's utterances at each event, and analysis is the costly part.
 */
export const createTextAnalyzer = ({ lists, overrides = {}, cacheSize }: TextAnalyzerOptions) => {
  const analyzer = createAnalyzer({ lists, overrides });
  const cache = new Map<string, TextAnalysis>();

  const analyze = (text: string): TextAnalysis => {
    // Every compiled list listens to "any" speaker, so the speaker argument changes nothing.
    const { sentiment, hits } = analyzer.analyzeUtterance(text, 'customer');
    const byList = new Map<string, TextHit[]>();
    if (hits.length > 0) {
      const tokens = tokenize(text).tokens;
      const wordAtStart = new Map(tokens.map((t, i) => [t.start, i]));
      const wordAtEnd = new Map(tokens.map((t, i) => [t.end, i]));
      for (const hit of hits) {
        const entry = {
          start: hit.start,
          end: hit.end,
          firstWord: wordAtStart.get(hit.start) ?? 0,
          lastWord: wordAtEnd.get(hit.end) ?? 0,
        };
        const list = byList.get(hit.list);
        if (list === undefined) byList.set(hit.list, [entry]);
        else list.push(entry);
      }
    }
    return { comparative: sentiment.comparative, hits: byList };
  };

  return (text: string): TextAnalysis => {
    const known = cache.get(text);
    if (known !== undefined) return known;
    const result = analyze(text);
    if (cache.size >= cacheSize) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(text, result);
    return result;
  };
};
