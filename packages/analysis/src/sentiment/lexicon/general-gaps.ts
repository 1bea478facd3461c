import type { LexiconEntry } from './entry.js';

/**
 * Everyday English sentiment words AFINN-165 happens to lack, found by checking a
 * brainstormed list of common evaluative words against it (not taken from any
 * evaluation set). Weights follow AFINN's neighbours ("incredible" as "amazing" less one).
 */
export const GENERAL_GAPS: readonly LexiconEntry[] = [
  { text: 'incredible', weight: 3 },
  { text: 'gorgeous', weight: 3 },
  { text: 'marvellous', weight: 3 },
  { text: 'tasty', weight: 2 },
  { text: 'blessed', weight: 2 },
  { text: 'satisfying', weight: 2 },
  { text: 'worthwhile', weight: 2 },
  { text: 'relaxing', weight: 2 },
  { text: 'cozy', weight: 2 },
  { text: 'cosy', weight: 2 },
  { text: 'convenient', weight: 1.5 },
  { text: 'handy', weight: 1.5 },
  { text: 'smooth', weight: 1 },
  { text: 'smoothly', weight: 1.5 },
  { text: 'ideal', weight: 2 },
  { text: 'stoked', weight: 3 },
  { text: 'chuffed', weight: 3 },
  { text: 'epic', weight: 2 },
  { text: 'bravo', weight: 3 },
  { text: 'yum', weight: 2 },
  { text: 'creepy', weight: -2 },
  { text: 'dammit', weight: -2 },
  { text: 'yuck', weight: -2 },
  { text: 'grr', weight: -2 },
  { text: 'sucked', weight: -3 },
  { text: 'lose', weight: -1.5 },
];
