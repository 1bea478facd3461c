import { describe, expect, it } from 'vitest';
import { LABEL_THRESHOLDS, labelFor } from './label.js';

describe('labelFor', () => {
  it('labels at the documented thresholds, inclusive', () => {
    expect(labelFor(LABEL_THRESHOLDS.positive)).toBe('positive');
    expect(labelFor(LABEL_THRESHOLDS.negative)).toBe('negative');
    expect(labelFor(0)).toBe('neutral');
    expect(labelFor(LABEL_THRESHOLDS.positive - 0.001)).toBe('neutral');
    expect(labelFor(LABEL_THRESHOLDS.negative + 0.001)).toBe('neutral');
  });

  it('is symmetric', () => {
    expect(LABEL_THRESHOLDS.negative).toBe(-LABEL_THRESHOLDS.positive);
  });
});
