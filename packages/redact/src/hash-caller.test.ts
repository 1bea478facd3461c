import { describe, expect, it } from 'vitest';
import { hashCallerNumber } from './hash-caller.js';

describe('hashCallerNumber', () => {
  it('is stable, ignores formatting and depends on the key', () => {
    const a = hashCallerNumber('+1 (415) 555-0132', 'k1');
    expect(a).toMatch(/^hmac:[0-9a-f]{16}$/);
    expect(hashCallerNumber('+14155550132', 'k1')).toBe(a);
    expect(hashCallerNumber('+14155550132', 'k2')).not.toBe(a);
    expect(a).not.toContain('4155550132');
  });
});
