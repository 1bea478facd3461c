import { createBoundedCache } from '../text/bounded-cache.js';
import { editDistanceWithin } from './edit-distance.js';

/** For a word of the text: the fuzzy term words within reach, with their distances. */
export type NearWords = ReadonlyMap<string, number>;

const NONE: NearWords = new Map();
// Keys this long are not words worth remembering (IDs, pasted data).
const MAX_CACHED_LENGTH = 40;

/**
 * Finds which fuzzy term words a text word is close to. A new word is compared with
 * every fuzzy word of similar length (the cost grows with the number of fuzzy words);
 * the answer is then remembered, so a word seen before costs one Map lookup.
 */
export const createFuzzyIndex = (
  reach: ReadonlyMap<string, number>, // fuzzy term word -> the largest maxDistance using it
  { maxCachedWords = 20_000 }: { maxCachedWords?: number } = {},
) => {
  const words = [...reach];
  const cache = createBoundedCache<NearWords>({ maxEntries: maxCachedWords });
  const compute = (key: string): NearWords => {
    let near: Map<string, number> | undefined;
    for (const [word, max] of words) {
      const distance = editDistanceWithin(key, word, max);
      if (distance <= max) (near ??= new Map()).set(word, distance);
    }
    return near ?? NONE;
  };
  return {
    near: (key: string): NearWords => {
      if (key.length > MAX_CACHED_LENGTH) return compute(key);
      let near = cache.get(key);
      if (near === undefined) {
        near = compute(key);
        cache.set(key, near);
      }
      return near;
    },
  };
};

export type FuzzyIndex = ReturnType<typeof createFuzzyIndex>;
