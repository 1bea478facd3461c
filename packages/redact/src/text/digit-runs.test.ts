import { describe, expect, it } from 'vitest';
import { digitRuns, typedGroups } from './digit-runs.js';

const digits = (text: string) => digitRuns(text).map((r) => r.digits);

describe('digitRuns', () => {
  it('reads typed, spoken and mixed digits as one run', () => {
    expect(digits('4111 1111-1111, 1111')).toEqual(['4111111111111111']);
    expect(digits('four one one one oh 2')).toEqual(['411102']);
  });
  it('expands double and triple', () => {
    expect(digits('double four triple one zero')).toEqual(['441110']);
  });
  it('keeps hesitations inside a number but not words', () => {
    expect(digits('four one, um, one one')).toEqual(['4111']);
    expect(digits('one or two')).toEqual(['1', '2']);
  });
  it('does not treat "oh" alone or ordinals as digits', () => {
    expect(digits('oh I see, on the 1st')).toEqual([]);
  });
  it('records typed groups for the printed SSN shape', () => {
    const [run] = digitRuns('123-45-6789');
    expect(run && typedGroups(run)).toEqual([3, 2, 4]);
  });
  it('gives the typed groups of part of a run, without the spoken digits', () => {
    const [run] = digitRuns('4111 1111, 123-45-6789 oh 12');
    expect(run && typedGroups(run, 8, 17)).toEqual([3, 2, 4]);
    expect(run && typedGroups(run, 8)).toEqual([3, 2, 4, 2]);
  });
});
