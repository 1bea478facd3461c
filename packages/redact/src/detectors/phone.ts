import type { DigitRun } from '../text/digit-runs.js';

// E.164 allows at most 15 digits; the shortest national numbers worth hiding have 7.
export const MAX_PHONE_DIGITS = 15;
export const MIN_PHONE_DIGITS = 7;
const MIN_E164_DIGITS = 8;

const INTERNATIONAL_PREFIX = /(?:\+|\bplus\s+)$/i;

/** Where a phone number starting at `start` really begins: "+", "plus" and "(" belong to it. */
export const phoneStart = (text: string, start: number): number => {
  let at = start;
  if (text[at - 1] === '(') at--;
  const before = text.slice(Math.max(0, at - 6), at);
  const prefix = INTERNATIONAL_PREFIX.exec(before);
  return prefix ? at - prefix[0].length : at;
};

/** Whether the run is shaped like a phone number without any phrase saying so. */
export const phoneShaped = (run: DigitRun, international: boolean): boolean => {
  const n = run.digits.length;
  if (international) return n >= MIN_E164_DIGITS && n <= MAX_PHONE_DIGITS;
  // Typed numbers are written in groups ("1-800-555-0199"); "1 2 3 4 5 6 7 8 9 10" is counting.
  if (!run.spoken && run.groups.filter((g) => g === 1).length > 1) return false;
  const first = run.digits[0];
  // NANP: ten digits with an area code 2-9, or eleven with the leading country code 1.
  if (n === 10 && first !== '0' && first !== '1') return true;
  if (n === 11 && first === '1') return true;
  // Trunk prefix 0 (UK, most of Europe): "07700 900123", "020 7946 0958".
  return (n === 10 || n === 11) && first === '0';
};
