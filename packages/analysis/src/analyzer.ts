import { compileMatcher } from './keywords/compile-matcher.js';
import { findHits } from './keywords/find-hits.js';
import type { KeywordList } from './keywords/schema.js';
import { lexiconFor } from './sentiment/lexicon/compile-lexicon.js';
import { sentimentOf } from './sentiment/score-sentiment.js';
import type { CallSummary } from './summary/call-summary.js';
import { summarizeEntries, type AnalyzedEntry } from './summary/summarize-call.js';
import { tokenize, type Token } from './text/tokenize.js';
import type { KeywordHit, SentimentResult, Speaker } from './types.js';

export interface AnalyzerOptions {
  /** Validated keyword lists (`keywordListSchema` output); disabled ones are ignored. */
  lists?: readonly KeywordList[];
  /** Operator word or phrase -> weight (-5..+5), over AFINN and the call-center lexicon. */
  overrides?: Readonly<Record<string, number>>;
}

export interface UtteranceAnalysis {
  sentiment: SentimentResult;
  hits: KeywordHit[];
}

/** An utterance's analysis with the tokens it was made from, for further matching. */
export interface TokenizedAnalysis extends UtteranceAnalysis {
  tokens: readonly Token[];
}

export interface Analyzer {
  analyzeUtterance(text: string, speaker: Speaker): UtteranceAnalysis;
  /** The same analysis, with its tokens: a second matcher can reuse them (see `createHitFinder`). */
  analyzeTokenized(text: string, speaker: Speaker): TokenizedAnalysis;
  summarizeCall(entries: readonly { speaker: Speaker; text: string }[]): CallSummary;
}

/**
 * Compiles the lexicon and keyword lists once (a few milliseconds: create a new
 * analyzer whenever the lists change) and returns pure functions of text. Never throws
 * on text: empty, huge or any script, it runs in time linear in the text.
 */
export const createAnalyzer = ({ lists = [], overrides = {} }: AnalyzerOptions = {}): Analyzer => {
  const lexicon = lexiconFor(overrides);
  const matcher = compileMatcher(lists);

  const analyze = (text: string, speaker: Speaker): TokenizedAnalysis & { text: string } => {
    const safeText = typeof text === 'string' ? text : '';
    const tokenized = tokenize(safeText);
    return {
      text: safeText,
      sentiment: sentimentOf(tokenized, lexicon),
      hits: findHits(matcher.forSpeaker(speaker), tokenized.tokens, safeText, speaker),
      tokens: tokenized.tokens,
    };
  };

  return {
    analyzeUtterance: (text, speaker) => {
      const { sentiment, hits } = analyze(text, speaker);
      return { sentiment, hits };
    },
    analyzeTokenized: (text, speaker) => {
      const { sentiment, hits, tokens } = analyze(text, speaker);
      return { sentiment, hits, tokens };
    },
    summarizeCall: (entries) =>
      summarizeEntries(
        entries.map((e): AnalyzedEntry => {
          const { text, sentiment, hits, tokens } = analyze(e.text, e.speaker);
          return { speaker: e.speaker, text, sentiment, hits, tokens: tokens.length };
        }),
        matcher.lists,
      ),
  };
};

/**
 * Keyword matching alone, over tokens an analyzer already made: for a second set of lists
 * (a rule's own terms) beside the analyzer's, without tokenizing the text again.
 */
export const createHitFinder = (lists: readonly KeywordList[]) => {
  const matcher = compileMatcher(lists);
  return (tokens: readonly Token[], text: string, speaker: Speaker): KeywordHit[] =>
    findHits(matcher.forSpeaker(speaker), tokens, text, speaker);
};
