import { describe, expect, it } from 'vitest';
import { compileCustomPatterns } from './custom.js';

describe('compileCustomPatterns', () => {
  it('compiles valid patterns', () => {
    const r = compileCustomPatterns([{ name: 'member_id', pattern: 'M-\\d{6}' }]);
    expect(r.ok).toBe(true);
  });
  it('lists every problem at once', () => {
    const r = compileCustomPatterns([
      { name: 'bad', pattern: '(' },
      { name: 'has space', pattern: 'x' },
      { name: 'empty', pattern: 'a*' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/"bad".*invalid regular expression/);
    expect(r.error).toMatch(/"has space".*name/);
    expect(r.error).toMatch(/"empty".*empty string/);
  });
});
