import { describe, expect, it } from 'vitest';
import { stemWord } from './stem.js';

describe('stemWord', () => {
  it('gives inflections and derivations of a word one Porter stem', () => {
    const stems = ['cancel', 'cancelled', 'cancelling', 'cancellation', 'cancels', 'canceled'];
    expect(new Set(stems.map(stemWord))).toEqual(new Set(['cancel']));
  });

  it('ignores possessives and apostrophes', () => {
    expect(stemWord("provider's")).toBe(stemWord('provider'));
  });

  it('returns very long tokens unchanged instead of stemming them', () => {
    const blob = 'ing'.repeat(100);
    expect(stemWord(blob)).toBe(blob);
  });
});
