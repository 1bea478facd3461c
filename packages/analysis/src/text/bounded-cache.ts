/**
 * A Map that never holds more than `maxEntries`: when full, the oldest entry goes. The
 * analyzer runs for days over an open vocabulary (names, numbers, transcription
 * errors), so memoized per-word work must be capped. First-in-first-out eviction is
 * enough for a Zipfian vocabulary: the frequent words come straight back.
 */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  readonly size: number;
}

export const createBoundedCache = <V>({
  maxEntries = 50_000, // words; about 5 MB for short strings and small values
}: { maxEntries?: number } = {}): BoundedCache<V> => {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const map = new Map<string, V>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (map.size >= maxEntries && !map.has(key)) {
        const oldest = map.keys().next();
        if (!oldest.done) map.delete(oldest.value);
      }
      map.set(key, value);
    },
    get size() {
      return map.size;
    },
  };
};
