import { tokenize, type Tokenized } from '../text/tokenize.js';
import type { SentimentResult } from '../types.js';
import { lexiconFor, type Lexicon } from './lexicon/compile-lexicon.js';
import { labelFor } from './label.js';
import { scoreTokens } from './score-tokens.js';

export interface SentimentOptions {
  /** Operator word (or phrase) -> weight, on top of AFINN and the call-center lexicon. */
  overrides?: Readonly<Record<string, number>>;
}

export const sentimentOf = (tokenized: Tokenized, lexicon: Lexicon): SentimentResult => {
  const { score, comparative, words } = scoreTokens(tokenized, lexicon);
  return { score, comparative, label: labelFor(comparative), words };
};

/** The sentiment of one text, without keyword lists. */
export const scoreSentiment = (
  text: string,
  { overrides }: SentimentOptions = {},
): SentimentResult =>
  sentimentOf(tokenize(typeof text === 'string' ? text : ''), lexiconFor(overrides));
