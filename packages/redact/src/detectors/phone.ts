import { allTyped, typedGroups, type DigitRun } from '../text/digit-runs.js';

// E.164 allows at most 15 digits; the shortest national numbers worth hiding have 7.
export const MAX_PHONE_DIGITS = 15;
export const MIN_PHONE_DIGITS = 7;
const MIN_E164_DIGITS = 8;
const NANP_DIGITS = 11;

const INTERNATIONAL_PREFIX = /(?:\+|\bplus\s+)$/i;
// "0044 20 7946 0958": 00 is what most of the world dials before a country code (which
// never starts with 0). Typed, alone or joined to the country code: "00 49", "0049", "00353".
const DIALLED_PREFIX = /^00[1-9]/;
const DIALLED_PREFIX_DIGITS = 2;
const MAX_DIALLED_GROUP = 5;

/** Where a phone number starting at `start` really begins: "+", "plus" and "(" belong to it. */
export const phoneStart = (text: string, start: number): number => {
  let at = start;
  if (text[at - 1] === '(') at--;
  const before = text.slice(Math.max(0, at - 6), at);
  const prefix = INTERNATIONAL_PREFIX.exec(before);
  return prefix ? at - prefix[0].length : at;
};

/** Whether digits [from, to) of a run open with a typed "00" international prefix. */
const dialled = (run: DigitRun, from: number, to: number): boolean =>
  run.typed[from] === true &&
  DIALLED_PREFIX.test(run.digits.slice(from, from + 3)) &&
  (typedGroups(run, from, to)[0] ?? 0) <= MAX_DIALLED_GROUP;

/** How many digits [from, to) of a run hold, without a "00" dialled before the country code. */
export const phoneDigits = (run: DigitRun, from = 0, to = run.digits.length): number =>
  to - from - (dialled(run, from, to) ? DIALLED_PREFIX_DIGITS : 0);

/**
 * Whether digits [from, to) of a run are shaped like a phone number without any phrase
 * saying so; `afterPlus`: typed after "+" or said after "plus".
 */
export const phoneShaped = (
  run: DigitRun,
  afterPlus: boolean,
  from = 0,
  to = run.digits.length,
): boolean => {
  const n = phoneDigits(run, from, to);
  if (afterPlus || dialled(run, from, to)) {
    // Country code 1 is the NANP: eleven digits, no more (so "+1 212 555 0147, 0049 ..."
    // does not run on into the next number).
    if (run.digits[to - n] === '1') return n === NANP_DIGITS;
    return n >= MIN_E164_DIGITS && n <= MAX_PHONE_DIGITS;
  }
  // Typed numbers are written in groups ("1-800-555-0199"); "1 2 3 4 5 6 7 8 9 10" is counting.
  if (allTyped(run, from, to) && typedGroups(run, from, to).filter((g) => g === 1).length > 1)
    return false;
  const first = run.digits[from];
  // NANP: ten digits with an area code 2-9, or eleven with the leading country code 1.
  if (n === 10 && first !== '0' && first !== '1') return true;
  if (n === NANP_DIGITS && first === '1') return true;
  // Trunk prefix 0 (UK, most of Europe): "07700 900123", "020 7946 0958".
  return (n === 10 || n === 11) && first === '0';
};
