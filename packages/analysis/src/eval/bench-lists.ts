import { keywordListsSchema, type KeywordList, type MatchMode } from '../keywords/schema.js';

const MODES: readonly MatchMode[] = ['exact', 'stem', 'phrase', 'fuzzy'];

/**
 * `lists` lists of `termsPerList` terms drawn from the words of `texts`, the modes in
 * turn (exact, stem, phrase of two words with slop 1, fuzzy), so that the benchmark's
 * lists hit about as often as an operator's would. Deterministic for the same texts.
 */
export const benchLists = (
  texts: readonly string[],
  { lists = 20, termsPerList = 25 }: { lists?: number; termsPerList?: number } = {},
): KeywordList[] => {
  const vocabulary = [
    ...new Set(
      texts
        .join(' ')
        .toLowerCase()
        .match(/[a-z]{4,}/g) ?? [],
    ),
  ].sort();
  const word = (i: number) => vocabulary[i % vocabulary.length] ?? 'word';
  return keywordListsSchema.parse(
    Array.from({ length: lists }, (_, l) => ({
      name: `bench-${l}`,
      terms: Array.from({ length: termsPerList }, (_, t) => {
        const n = l * termsPerList + t;
        const match = MODES[n % MODES.length] ?? 'exact';
        const term = word(n * 37);
        return match === 'phrase'
          ? { term: `${term} ${word(n * 37 + 1)}`, match, slop: 1 }
          : { term, match };
      }),
    })),
  );
};
