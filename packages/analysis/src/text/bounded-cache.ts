/**
 * A Map that never holds more than `maxEntries`. The analyzer runs for days over an open
 * vocabulary (names, numbers, transcription errors), so memoized work must be capped.
 *
 * Two generations of up to half the entries each: new entries go to the young one; when
 * it is full, the old one is dropped whole and the young one takes its place; a hit in the
 * old one moves the entry back to the young one. Every operation is O(1) — evicting one
 * entry at a time from the front of a Map is not (V8 skips the deleted slots on every
 * `keys().next()` until it rehashes) — and frequent entries survive, as with an LRU.
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
  const generation = Math.max(1, Math.floor(maxEntries / 2));
  let young = new Map<string, V>();
  let old = new Map<string, V>();

  const add = (key: string, value: V): void => {
    if (!young.has(key) && young.size >= generation) {
      // With room for one entry only, there is no old generation to keep.
      old = maxEntries > 1 ? young : new Map<string, V>();
      young = new Map<string, V>();
    }
    young.set(key, value);
  };

  return {
    get: (key) => {
      const value = young.get(key);
      if (value !== undefined || old.size === 0) return value;
      const aged = old.get(key);
      if (aged !== undefined) {
        old.delete(key);
        add(key, aged);
      }
      return aged;
    },
    set: (key, value) => {
      old.delete(key);
      add(key, value);
    },
    get size() {
      return young.size + old.size;
    },
  };
};
