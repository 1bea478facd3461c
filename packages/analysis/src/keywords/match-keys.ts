import { tokenize } from '../text/tokenize.js';

/**
 * The spellings a term word matches: as written (folded, canonical), and for a word
 * with an apostrophe also without it, since transcripts often drop apostrophes
 * ("o'brien" finds "obrien"). Not the other way round: a term "hell" must not find "he'll".
 */
export const termWordVariants = (word: string): readonly string[] =>
  word.includes("'") ? [word, word.replace(/'/g, '')] : [word];

/** A term's words, tokenized and folded exactly as transcript text is. */
export const termWords = (term: string): string[] => tokenize(term).tokens.map((t) => t.norm);
