/** A lexicon entry: a word or phrase (written as spoken) and its AFINN-scale weight. */
export interface LexiconEntry {
  text: string;
  /** -5..+5 like AFINN; 0 makes the words neutral (and hides any AFINN weight they have). */
  weight: number;
  /**
   * The weight when a negator precedes it. Absent: weight × NEGATION_FACTOR, as for any
   * AFINN word. Equal to `weight`: negation does not flip it ("don't put me on hold").
   * Set on a neutral word: it only counts when negated ("doesn't work").
   */
  negated?: number;
}

/** Shorthand for entries whose meaning survives negation. */
export const unflipped = (text: string, weight: number): LexiconEntry => ({
  text,
  weight,
  negated: weight,
});
