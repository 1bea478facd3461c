import type { SentimentLabel } from '../types.js';

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** Unweighted mean of the per-class F1 over the three labels. */
export const macroF1 = (
  predicted: readonly SentimentLabel[],
  gold: readonly SentimentLabel[],
): number => {
  let sum = 0;
  for (const label of LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const p = predicted[i] === label;
      const g = gold[i] === label;
      if (p && g) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / LABELS.length;
};

/** Pearson's correlation coefficient; NaN when either side is constant. */
export const pearson = (x: readonly number[], y: readonly number[]): number => {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
};
