import { describe, expect, it } from 'vitest';
import { ibanValid } from './iban.js';

describe('ibanValid', () => {
  it('accepts valid IBANs', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
  });
  it('rejects a wrong check digit and a wrong length for the country', () => {
    expect(ibanValid('GB83WEST12345698765432')).toBe(false);
    expect(ibanValid('GB82WEST1234569876543')).toBe(false);
  });
});
