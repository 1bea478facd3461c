import { luhnValid } from '../checksums/luhn.js';
import type { DigitRun } from '../text/digit-runs.js';

export const MIN_CARD_DIGITS = 13;
export const MAX_CARD_DIGITS = 19;
/** After "my card is", this many digits are redacted before the rest arrives. */
export const MIN_PARTIAL_CARD_DIGITS = 6;

const endsToken = (run: DigitRun, at: number) => at === run.digits.length || run.boundary[at];

/**
 * Luhn-valid windows of 13-19 digits in a run, each starting and ending on a token
 * boundary (a card does not begin in the middle of "4111"), longest first at each start.
 * A run usually is the card; scanning windows also catches "oh, 4111 ..." and a card
 * read straight into its expiry date.
 */
export const cardWindows = (run: DigitRun): [number, number][] => {
  const found: [number, number][] = [];
  const n = run.digits.length;
  let from = 0;
  while (from + MIN_CARD_DIGITS <= n) {
    let hit = -1;
    if (run.boundary[from]) {
      for (let to = Math.min(n, from + MAX_CARD_DIGITS); to >= from + MIN_CARD_DIGITS; to--) {
        if (endsToken(run, to) && luhnValid(run.digits, from, to)) {
          hit = to;
          break;
        }
      }
    }
    if (hit < 0) from++;
    else {
      found.push([from, hit]);
      from = hit;
    }
  }
  return found;
};
