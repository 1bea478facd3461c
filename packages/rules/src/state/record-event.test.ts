import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seconds } from './record-event.js';

const parsed = (iso: string): number | null => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : null;
};

describe('seconds', () => {
  it('reads every time toISOString writes as Date.parse does', () => {
    // Years 0000 to 9999 (beyond, toISOString writes a sign and six digits).
    const times = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(times, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(seconds(iso)).toBe(parsed(iso));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Date.parse on the forms it leaves to it, and on junk', () => {
    for (const iso of [
      '2026-02-30T10:00:00.000Z', // rolled over to 2 March
      '2024-02-29T23:59:59.999Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T00:00:60.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.000+02:00',
      '2026-01-01',
      '+012026-01-01T00:00:00.000Z',
      '2026-01-0xT00:00:00.000Z',
      '2026-01-01 00:00:00.000Z',
      'not a time',
      '',
    ]) {
      expect(seconds(iso), iso).toBe(parsed(iso));
    }
  });
});
