import { describe, expect, it } from 'vitest';
import { macroF1, pearson } from './metrics.js';

describe('macroF1', () => {
  it('is 1 for perfect predictions and averages the three classes', () => {
    expect(macroF1(['positive', 'neutral', 'negative'], ['positive', 'neutral', 'negative'])).toBe(
      1,
    );
    // positive F1 = 2/3, neutral F1 = 0 (never right), negative F1 = 1
    expect(
      macroF1(['positive', 'positive', 'negative'], ['positive', 'neutral', 'negative']),
    ).toBeCloseTo((2 / 3 + 0 + 1) / 3, 10);
  });
});

describe('pearson', () => {
  it('is 1, -1 or 0 for the textbook cases', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
    expect(pearson([1, 2, 3, 4], [1, -1, -1, 1])).toBeCloseTo(0, 10);
  });
});
