import { describe, expect, it } from 'vitest';
import { createTokenCheck } from './token-check.js';

describe('createTokenCheck', () => {
  it('accepts each configured token (rotation) and nothing else', () => {
    const check = createTokenCheck({ tokens: ['new-token', 'old-token'], bearer: 'none' });
    expect(check('new-token')).toBe(true);
    expect(check('old-token')).toBe(true);
    expect(check('new-token ')).toBe(false);
    expect(check('NEW-TOKEN')).toBe(false);
    expect(check('')).toBe(false);
    expect(check(undefined)).toBe(false);
    expect(check(['new-token'])).toBe(false); // a repeated header is not a token
  });

  it('requires the Bearer scheme when told to (the API)', () => {
    const check = createTokenCheck({ tokens: ['s3cret'], bearer: 'required' });
    expect(check('Bearer s3cret')).toBe(true);
    expect(check('bearer   s3cret')).toBe(true);
    expect(check('s3cret')).toBe(false);
    expect(check('Basic s3cret')).toBe(false);
    expect(check('Bearer wrong')).toBe(false);
  });

  it('takes the token with or without "Bearer " when optional (the provider header)', () => {
    const check = createTokenCheck({ tokens: ['abc'], bearer: 'optional' });
    expect(check('abc')).toBe(true);
    expect(check('Bearer abc')).toBe(true);
    expect(check('Bearer abd')).toBe(false);
  });

  it('never takes the scheme off when the header is not authorization', () => {
    const check = createTokenCheck({ tokens: ['abc'], bearer: 'none' });
    expect(check('Bearer abc')).toBe(false);
  });
});
