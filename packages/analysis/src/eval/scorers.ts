import { createRequire } from 'node:module';
import Sentiment from 'sentiment';
import { LABEL_THRESHOLDS } from '../sentiment/label.js';
import { scoreSentiment } from '../sentiment/score-sentiment.js';
import type { SentimentLabel } from '../types.js';

/** One scorer under evaluation: its label and the number correlated with the humans. */
export interface Scorer {
  name: string;
  /** How its label is derived, printed with the results. */
  convention: string;
  score(text: string): { label: SentimentLabel; value: number };
}

// Both comparison packages are CommonJS without types; load them the CommonJS way.
const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};
const wink = require('wink-sentiment') as (text: string) => { normalizedScore: number };

const bySign = (value: number): SentimentLabel =>
  value > 0 ? 'positive' : value < 0 ? 'negative' : 'neutral';

const byCut = (value: number, cut: number): SentimentLabel =>
  value >= cut ? 'positive' : value <= -cut ? 'negative' : 'neutral';

const plain = new Sentiment();

export const SCORERS: readonly Scorer[] = [
  {
    name: 'callpulse',
    convention: `its label (comparative >= ${LABEL_THRESHOLDS.positive} / <= ${LABEL_THRESHOLDS.negative}); r on score`,
    score: (text) => {
      const { label, score } = scoreSentiment(text);
      return { label, value: score };
    },
  },
  {
    name: 'sentiment',
    convention: 'sign of score; r on score',
    score: (text) => {
      const { score } = plain.analyze(text);
      return { label: bySign(score), value: score };
    },
  },
  {
    name: 'vader-sentiment',
    convention: 'compound >= +0.05 / <= -0.05; r on compound',
    score: (text) => {
      const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
      return { label: byCut(compound, 0.05), value: compound };
    },
  },
  {
    name: 'wink-sentiment',
    convention: 'sign of normalizedScore; r on normalizedScore',
    score: (text) => {
      const { normalizedScore } = wink(text);
      return { label: bySign(normalizedScore), value: normalizedScore };
    },
  },
];
