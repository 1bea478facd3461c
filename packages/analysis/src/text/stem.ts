import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { createBoundedCache } from './bounded-cache.js';

// Porter is about 20 µs a word and a pure function of it, so every analyzer shares one
// memo: the common words of calls are stemmed once per process.
const cache = createBoundedCache<string>({ maxEntries: 50_000 });

// Longer "words" are not language (IDs, pasted blobs): not worth stemming or caching.
const MAX_STEMMED_LENGTH = 40;

/** The Porter stem of a folded word: "cancelled", "cancelling", "cancellation" -> "cancel". */
export const stemWord = (word: string): string => {
  if (word.length > MAX_STEMMED_LENGTH) return word;
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  // Porter knows no apostrophes; stem the word without a possessive or contraction tail.
  const stem = PorterStemmer.stem(word.replace(/'s$/, '').replace(/'/g, ''));
  cache.set(word, stem);
  return stem;
};
