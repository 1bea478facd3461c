import { CALL_EXPECTATIONS } from './call-expectations.js';
import { CALL_NEUTRAL } from './call-neutral.js';
import { CALL_PROBLEMS } from './call-problems.js';
import { CALL_RESOLUTIONS } from './call-resolutions.js';
import type { LexiconEntry } from './entry.js';
import { INTERJECTIONS } from './interjections.js';

/** The built-in call-center lexicon, applied on top of AFINN-165. */
export const CALL_CENTER_LEXICON: readonly LexiconEntry[] = [
  ...CALL_NEUTRAL,
  ...CALL_EXPECTATIONS,
  ...CALL_PROBLEMS,
  ...CALL_RESOLUTIONS,
  ...INTERJECTIONS,
];
