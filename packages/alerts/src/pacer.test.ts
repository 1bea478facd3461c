import { describe, expect, it } from 'vitest';
import { createPacer } from './pacer.js';
import { parseRetryAfter } from './send.js';

describe('pacer', () => {
  it('lets a burst through, then one per second, and holds for Retry-After', () => {
    let t = 1_000_000;
    const pacer = createPacer({ ratePerSecond: 1, burst: 3, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(pacer.waitMs()).toBe(0);
      pacer.take();
    }
    expect(pacer.waitMs()).toBe(1000);
    t += 1000;
    expect(pacer.waitMs()).toBe(0);
    pacer.take();
    pacer.holdUntil(t + 2000);
    t += 1500;
    expect(pacer.waitMs()).toBe(500);
    t += 500;
    // The bucket restarted empty at the hold: the sustained pace, not a new burst.
    expect(pacer.waitMs()).toBe(0);
    pacer.take();
    expect(pacer.waitMs()).toBe(1000);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-11-29T02:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 02:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 01:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
