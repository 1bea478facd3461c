import { describe, expect, it } from 'vitest';
import { TREND_MIN_CHANGE, trajectoryOf } from './trajectory.js';

describe('trajectoryOf', () => {
  it('is unknown without customer utterances', () => {
    expect(trajectoryOf([])).toEqual({ start: null, end: null, slope: null, trend: 'unknown' });
  });

  it('has a start and end but no slope or trend for one utterance', () => {
    expect(trajectoryOf([-0.3])).toEqual({ start: -0.3, end: -0.3, slope: null, trend: 'unknown' });
  });

  it('compares the first and last thirds and fits a slope over the call', () => {
    expect(trajectoryOf([-0.5, -0.3, -0.1, 0.1, 0.3, 0.5])).toEqual({
      start: -0.4,
      end: 0.4,
      slope: 1,
      trend: 'improving',
    });
    expect(trajectoryOf([0.2, 0, -0.5]).trend).toBe('worsening');
  });

  it(`calls a change under ${TREND_MIN_CHANGE} flat`, () => {
    expect(trajectoryOf([0, 0.05, 0.09]).trend).toBe('flat');
    expect(trajectoryOf([0, 0.05, TREND_MIN_CHANGE]).trend).toBe('improving');
  });
});
