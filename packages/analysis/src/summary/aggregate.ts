import { labelFor } from '../sentiment/label.js';
import type { SentimentAggregate } from './call-summary.js';

const round = (value: number, places: number): number => {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale + 0;
};

/**
 * Utterances pooled: scores summed, comparative = total score per total token, so a long
 * neutral stretch dilutes a short outburst exactly as it would in one long text.
 */
export const aggregate = (
  parts: readonly { score: number; tokens: number }[],
): SentimentAggregate => {
  let score = 0;
  let tokens = 0;
  for (const part of parts) {
    score += part.score;
    tokens += part.tokens;
  }
  const comparative = tokens > 0 ? round(score / tokens, 4) : 0;
  return { score: round(score, 3), comparative, label: labelFor(comparative) };
};
