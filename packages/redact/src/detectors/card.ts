import { luhnValid } from '../checksums/luhn.js';

export const MIN_CARD_DIGITS = 13;
export const MAX_CARD_DIGITS = 19;
/** After "my card is", this many digits are redacted before the rest arrives. */
export const MIN_PARTIAL_CARD_DIGITS = 6;

/** Whether digits [from, to) are a whole card number: 13-19 of them, Luhn-valid. */
export const validCard = (digits: string, from = 0, to = digits.length): boolean =>
  to - from >= MIN_CARD_DIGITS && to - from <= MAX_CARD_DIGITS && luhnValid(digits, from, to);
