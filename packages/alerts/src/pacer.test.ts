import { describe, expect, it } from 'vitest';
import { createPacer } from './pacer.js';

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
