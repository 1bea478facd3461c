import type { MatchMode, SentimentLabel, Speaker } from '@callpulse/contracts';

export type { SentimentLabel, Speaker } from '@callpulse/contracts';

/** A word or phrase that moved the score, with its final weight (after negation etc.). */
export interface WeightedWord {
  word: string;
  weight: number;
}

export interface SentimentResult {
  /** Sum of `words` weights, on the AFINN scale (each word -5..+5). */
  score: number;
  /** `score` per word token of the text (0 for text without words), as in `sentiment`. */
  comparative: number;
  label: SentimentLabel;
  words: WeightedWord[];
}

/** A keyword-list term found in an utterance. */
export interface KeywordHit {
  list: string;
  term: string;
  match: MatchMode;
  /** The words as they appear in the text: text.slice(start, end). */
  matchedText: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  speaker: Speaker;
}
