import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { describe, expect, it } from 'vitest';
import { editDistanceWithin } from './edit-distance.js';

describe('editDistanceWithin', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit', () => {
    expect(editDistanceWithin('overcharged', 'overcharged', 2)).toBe(0);
    expect(editDistanceWithin('overcharged', 'overchraged', 2)).toBe(1); // swap
    expect(editDistanceWithin('overcharged', 'overcharge', 2)).toBe(1); // deletion
    expect(editDistanceWithin('refund', 'refunds', 2)).toBe(1); // insertion
    expect(editDistanceWithin('refund', 'rebund', 2)).toBe(1); // substitution
    expect(editDistanceWithin('ca', 'abc', 3)).toBe(3); // optimal string alignment, not full Damerau
  });

  it('stops at max + 1', () => {
    expect(editDistanceWithin('cancel', 'provider', 1)).toBe(2);
    expect(editDistanceWithin('a', 'abcdefgh', 2)).toBe(3);
  });

  it("agrees with natural's restricted Damerau-Levenshtein within the bound", () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const expected = DamerauLevenshteinDistance(a, b, { restricted: true });
        expect(editDistanceWithin(a, b, max)).toBe(expected <= max ? expected : max + 1);
      }),
      { numRuns: 2000 },
    );
  });
});
