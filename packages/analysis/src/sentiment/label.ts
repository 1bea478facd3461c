import type { SentimentLabel } from '../types.js';

/**
 * Labels from the comparative score (score per word token). Chosen with `npm run eval`:
 * on both the VADER tweets and our support-call set, macro-F1 is flat for cuts from 0
 * (the sign of the score) to ±0.03 and falls from ±0.04 on (at ±0.05, -0.006 and
 * -0.005; at ±0.10, -0.03 and -0.02). ±0.02 sits inside that plateau yet keeps a faint
 * trace (a weight-1 word in an utterance of more than 50 words, or a dampened,
 * contrasted word in one of 15) neutral.
 */
export const LABEL_THRESHOLDS = {
  /** comparative >= positive: positive */
  positive: 0.02,
  /** comparative <= negative: negative; in between: neutral */
  negative: -0.02,
} as const;

export const labelFor = (comparative: number): SentimentLabel =>
  comparative >= LABEL_THRESHOLDS.positive
    ? 'positive'
    : comparative <= LABEL_THRESHOLDS.negative
      ? 'negative'
      : 'neutral';
