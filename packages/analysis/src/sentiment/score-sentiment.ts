import { tokenize } from '../text/tokenize.js';
import type { SentimentResult } from '../types.js';
import { compileLexicon, getDefaultLexicon, type Lexicon } from './lexicon/compile-lexicon.js';
import { labelFor } from './label.js';
import { scoreTokens } from './score-tokens.js';
import type { Tokenized } from '../text/tokenize.js';

export interface SentimentOptions {
  /** Operator word (or phrase) -> weight, on top of AFINN and the call-center lexicon. */
  overrides?: Readonly<Record<string, number>>;
}

export const sentimentOf = (tokenized: Tokenized, lexicon: Lexicon): SentimentResult => {
  const { score, comparative, words } = scoreTokens(tokenized, lexicon);
  return { score, comparative, label: labelFor(comparative), words };
};

/**
 * The sentiment of one text without keyword lists. With overrides the lexicon is
 * compiled on each call; to score many texts with overrides use `createAnalyzer`.
 */
export const scoreSentiment = (text: string, { overrides }: SentimentOptions = {}) => {
  const lexicon =
    overrides && Object.keys(overrides).length > 0
      ? compileLexicon(overrides)
      : getDefaultLexicon();
  return sentimentOf(tokenize(text), lexicon);
};
