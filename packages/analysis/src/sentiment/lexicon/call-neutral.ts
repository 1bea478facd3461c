import type { LexiconEntry } from './entry.js';

/**
 * Words that AFINN scores but that are routine on a support line: requests ("I'd like
 * to", "I want to", "please"), answers and back-channel ("yes", "yeah", "no") and
 * billing terms ("charged",
 * "charges", "pay"). Left scored, every polite request reads as praise and every
 * billing question as an accusation.
 */
export const CALL_NEUTRAL: readonly LexiconEntry[] = [
  { text: 'please', weight: 0 },
  { text: 'yes', weight: 0 },
  { text: 'yeah', weight: 0 },
  // "no" negates what follows ("no problem") and is otherwise an answer.
  { text: 'no', weight: 0 },
  { text: 'want', weight: 0 },
  { text: 'pay', weight: 0 },
  { text: 'charged', weight: 0 },
  { text: 'charges', weight: 0 },
  { text: 'would like', weight: 0 },
  { text: "i'd like", weight: 0 },
  { text: "we'd like", weight: 0 },
  { text: "you'd like", weight: 0 },
  { text: "he'd like", weight: 0 },
  { text: "she'd like", weight: 0 },
  { text: "they'd like", weight: 0 },
  { text: 'feel like', weight: 0 },
  { text: 'feels like', weight: 0 },
  { text: 'looks like', weight: 0 },
  { text: 'seems like', weight: 0 },
  { text: 'sounds like', weight: 0 },
  { text: 'like you said', weight: 0 },
  { text: 'like i said', weight: 0 },
  { text: "it's like", weight: 0 },
  { text: 'just like', weight: 0 },
  { text: 'something like', weight: 0 },
  { text: 'customer care', weight: 0 },
  { text: 'put you on hold', weight: 0 },
  // Discourse markers and boilerplate, not opinions.
  { text: 'to be honest', weight: 0 },
  { text: 'to be fair', weight: 0 },
  { text: 'quality and training', weight: 0 },
  { text: 'training and quality', weight: 0 },
  { text: 'hold on', weight: 0 },
  { text: 'hang on', weight: 0 },
];
