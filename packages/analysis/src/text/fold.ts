// Apostrophes a transcript or keyboard may produce; all compare equal to "'".
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const MARKS = /\p{M}+/gu;

/**
 * The comparison form of a word: lower case, accents removed ("Café" -> "cafe"),
 * compatibility forms folded (full-width letters, ligatures) and every apostrophe
 * straightened, so "Can’t" and "can't" are one word.
 */
export const foldWord = (word: string): string => {
  const lower = word.toLowerCase();
  // Plain ASCII is by far the common case and needs nothing more.
  if (isAscii(lower)) return lower;
  return lower.normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, "'");
};

const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};
