import type { CompiledEntry, Lexicon } from './compile-lexicon.js';

/** Whether a letter appears three times in a row; a plain loop, as most words are checked. */
const hasDrawnOutLetter = (word: string): boolean => {
  for (let i = 2; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const letter = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? true : code > 0x7f;
    if (letter && code === word.charCodeAt(i - 1) && code === word.charCodeAt(i - 2)) return true;
  }
  return false;
};

/**
 * The entry for a word the lexicon lacks only because a letter is drawn out ("sooo
 * goood", "nooo", "ugggh"): tried with runs of three or more letters cut to two, then
 * to one. Reported under the word as written.
 */
export const drawnOutEntry = (lexicon: Lexicon, form: string): CompiledEntry | undefined => {
  if (!hasDrawnOutLetter(form)) return undefined;
  for (const squeezed of [
    form.replace(/(\p{L})\1{2,}/gu, '$1$1'),
    form.replace(/(\p{L})\1+/gu, '$1'),
  ]) {
    const entry = lexicon.get(squeezed)?.find((e) => e.words.length === 1);
    if (entry) return { ...entry, key: form };
  }
  return undefined;
};
