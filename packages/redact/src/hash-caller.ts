import { createHmac } from 'node:crypto';

/** Hex characters kept: 64 bits is ample to group one tenant's callers without collisions. */
const PREFIX_HEX = 16;

/**
 * A keyed hash of a caller number, so calls from the same number still group while the
 * number itself is not stored. Formatting is stripped first ("+1 (415) 555-0132" and
 * "+14155550132" hash alike). Keyed (HMAC-SHA256) because a plain hash of a phone number
 * is reversed by enumerating the number space.
 */
export const hashCallerNumber = (number: string, key: string): string => {
  const normalized = number.replace(/[^\d+]/g, '');
  return `hmac:${createHmac('sha256', key).update(normalized).digest('hex').slice(0, PREFIX_HEX)}`;
};
