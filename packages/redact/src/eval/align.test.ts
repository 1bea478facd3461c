import { describe, expect, it } from 'vitest';
import { alignMarkers } from './align.js';

describe('alignMarkers', () => {
  it('finds where each marker replaced the input', () => {
    const types = new Map([
      ['\uE001', 'card_number'],
      ['\uE002', 'email'],
    ]);
    expect(alignMarkers('pay 4111 1111 now, a@b.io.', 'pay \uE001 now, \uE002.', types)).toEqual([
      { type: 'card_number', start: 4, end: 13 },
      { type: 'email', start: 19, end: 25 },
    ]);
  });
});
