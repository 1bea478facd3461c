import type { LexiconEntry } from './entry.js';

/** Spoken and typed interjections AFINN lacks ("ugh", "wow", "lol" it has). */
export const INTERJECTIONS: readonly LexiconEntry[] = [
  { text: 'yay', weight: 2 },
  { text: 'hooray', weight: 2 },
  { text: 'phew', weight: 1 },
  { text: 'whew', weight: 1 },
  { text: 'xd', weight: 2 },
  { text: 'meh', weight: -1 },
  { text: 'argh', weight: -2 },
  { text: 'ew', weight: -2 },
  { text: 'eww', weight: -2 },
  { text: 'yikes', weight: -1.5 },
  { text: 'oops', weight: -1 },
];
