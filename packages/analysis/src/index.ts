export { createAnalyzer, createHitFinder } from './analyzer.js';
export type {
  Analyzer,
  AnalyzerOptions,
  TokenizedAnalysis,
  UtteranceAnalysis,
} from './analyzer.js';
export { scoreSentiment } from './sentiment/score-sentiment.js';
export type { SentimentOptions } from './sentiment/score-sentiment.js';
export { LABEL_THRESHOLDS } from './sentiment/label.js';
export { keywordListSchema, keywordListsSchema, keywordTermSchema } from './keywords/schema.js';
export type { KeywordList, KeywordListInput, KeywordTerm } from './keywords/schema.js';
export { parseKeywordList, parseKeywordLists } from './keywords/parse-keyword-list.js';
export { closestName } from './keywords/closest-name.js';
export type { ParseResult } from './keywords/parse-keyword-list.js';
export type {
  CallSummary,
  CallSummaryHit,
  SentimentAggregate,
  SpeakerAggregate,
  Trajectory,
} from './summary/call-summary.js';
export { TREND_MIN_CHANGE } from './summary/trajectory.js';
export type {
  KeywordHit,
  SentimentLabel,
  SentimentResult,
  Speaker,
  WeightedWord,
} from './types.js';
export { createBoundedCache } from './text/bounded-cache.js';
export type { BoundedCache } from './text/bounded-cache.js';
export { tokenize } from './text/tokenize.js';
export type { Token, Tokenized } from './text/tokenize.js';
export { ANALYZER_VERSION } from './version.js';
