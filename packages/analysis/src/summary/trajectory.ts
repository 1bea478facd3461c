import type { Trajectory } from './call-summary.js';

/**
 * The smallest change of the customer's comparative (end minus start) called a trend:
 * one mild word (weight 1) in a ten-word utterance.
 */
export const TREND_MIN_CHANGE = 0.1;

const mean = (values: readonly number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / values.length;

const round = (value: number): number => Math.round(value * 10_000) / 10_000 + 0;

/** The trajectory of a sequence of per-utterance comparatives, in call order. */
export const trajectoryOf = (comparatives: readonly number[]): Trajectory => {
  const m = comparatives.length;
  if (m === 0) return { start: null, end: null, slope: null, trend: 'unknown' };
  const third = Math.max(1, Math.floor(m / 3));
  const start = round(mean(comparatives.slice(0, third)));
  const end = round(mean(comparatives.slice(m - third)));
  if (m < 2) return { start, end, slope: null, trend: 'unknown' };
  // Positions 0..1, so the slope is the fitted change from the first to the last utterance.
  const xs = comparatives.map((_, i) => i / (m - 1));
  const mx = mean(xs);
  const my = mean(comparatives);
  let sxy = 0;
  let sxx = 0;
  comparatives.forEach((y, i) => {
    const dx = (xs[i] as number) - mx;
    sxy += dx * (y - my);
    sxx += dx * dx;
  });
  const change = end - start;
  const trend =
    change >= TREND_MIN_CHANGE ? 'improving' : change <= -TREND_MIN_CHANGE ? 'worsening' : 'flat';
  return { start, end, slope: round(sxy / sxx), trend };
};
