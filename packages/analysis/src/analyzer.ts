import { compileMatcher } from './keywords/compile-matcher.js';
import { findHits } from './keywords/find-hits.js';
import type { KeywordList } from './keywords/schema.js';
import { lexiconFor } from './sentiment/lexicon/compile-lexicon.js';
import { sentimentOf } from './sentiment/score-sentiment.js';
import type { CallSummary } from './summary/call-summary.js';
import { summarizeEntries, type AnalyzedEntry } from './summary/summarize-call.js';
import { tokenize } from './text/tokenize.js';
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

export interface Analyzer {
  analyzeUtterance(text: string, speaker: Speaker): UtteranceAnalysis;
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

  const analyze = (text: string, speaker: Speaker): AnalyzedEntry => {
    const safeText = typeof text === 'string' ? text : '';
    const tokenized = tokenize(safeText);
    const forSpeaker = matcher.forSpeaker(speaker);
    return {
      speaker,
      text: safeText,
      sentiment: sentimentOf(tokenized, lexicon),
      hits: findHits(forSpeaker, tokenized.tokens, safeText, speaker),
      tokens: tokenized.tokens.length,
    };
  };

  return {
    analyzeUtterance: (text, speaker) => {
      const { sentiment, hits } = analyze(text, speaker);
      return { sentiment, hits };
    },
    summarizeCall: (entries) =>
      summarizeEntries(
        entries.map((e) => analyze(e.text, e.speaker)),
        matcher.lists,
      ),
  };
};
