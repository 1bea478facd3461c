import { describe, expect, it } from 'vitest';
import { createBoundedCache } from './bounded-cache.js';

describe('createBoundedCache', () => {
  it('never holds more than maxEntries, dropping the least recently used first', () => {
    const cache = createBoundedCache<number>({ maxEntries: 4 });
    for (let i = 0; i < 100; i++) {
      cache.set(`k${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.get('k99')).toBe(99);
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps an entry that is read while others come and go', () => {
    const cache = createBoundedCache<number>({ maxEntries: 4 });
    cache.set('hot', 1);
    for (let i = 0; i < 100; i++) {
      cache.set(`k${i}`, i);
      expect(cache.get('hot')).toBe(1);
    }
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('updates a key in place without evicting another', () => {
    const cache = createBoundedCache<number>({ maxEntries: 4 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect([cache.get('a'), cache.get('b')]).toEqual([10, 2]);
    expect(cache.size).toBe(2);
  });

  it('holds one entry when maxEntries is 1', () => {
    const cache = createBoundedCache<number>({ maxEntries: 1 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.size).toBeLessThanOrEqual(1);
    expect(cache.get('b')).toBe(2);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => createBoundedCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
