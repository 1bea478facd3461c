import { luhnValid } from './checksums/luhn.js';
import { MAX_CARD_DIGITS, MIN_CARD_DIGITS } from './detectors/card.js';
import { runSpan, type DigitRun } from './text/digit-runs.js';
import type { CarryState, SpeakerCarry } from './types.js';

/*
 * Cross-fragment card numbers. Look-back: the trailing digit run of the previous
 * fragment of the same speaker only, at most `lookBack` digits (default 19, a card's
 * maximum). That fragment has already been published, so its digits were redacted only
 * if they could be judged alone (a partial card after "my card is", see numbers.ts);
 * here the current fragment's leading digits are redacted when, joined to the carry,
 * they complete a Luhn-valid 13-19 digit number, or when the carry followed a card phrase.
 */

/** Fewest leading digits taken as the rest of a card that was announced ("my card is"). */
const MIN_CONTINUATION_DIGITS = 4;

const ONLY_SEPARATORS = /^(?:[\s,.-]|\b(?:um|uh|er|erm|and|then)\b)*$/i;

/** The run the fragment opens with, if nothing but separators comes before it. */
export const leadingRun = (text: string, runs: readonly DigitRun[]): DigitRun | undefined => {
  const first = runs[0];
  return first && ONLY_SEPARATORS.test(text.slice(0, first.starts[0])) ? first : undefined;
};

/** The run the fragment closes with, if nothing but separators comes after it. */
export const trailingRun = (text: string, runs: readonly DigitRun[]): DigitRun | undefined => {
  const last = runs[runs.length - 1];
  return last && ONLY_SEPARATORS.test(text.slice(runSpan(last).end)) ? last : undefined;
};

/** How many leading digits of this fragment finish the card the carry started (0: none). */
export const continuation = (carry: SpeakerCarry, run: DigitRun): number => {
  const carried = carry.digits.length;
  const joined = carry.digits + run.digits;
  // The whole leading run first; a shorter prefix only when the card was announced,
  // since trying every length would make some join pass Luhn by chance.
  const longest = Math.min(run.digits.length, MAX_CARD_DIGITS - carried);
  for (let to = longest; to >= 1; to--) {
    if (to < run.digits.length && !carry.card) break;
    if (to < run.digits.length && !run.boundary[to]) continue;
    if (carried + to >= MIN_CARD_DIGITS && luhnValid(joined, 0, carried + to)) return to;
  }
  if (carry.card && run.digits.length >= MIN_CONTINUATION_DIGITS && longest > 0) return longest;
  return 0;
};

/** The carry to hand to the speaker's next fragment. */
export const nextCarry = (
  state: CarryState,
  speaker: string,
  carry: SpeakerCarry | undefined,
): CarryState => {
  const next = { ...state };
  if (carry) next[speaker] = carry;
  else delete next[speaker];
  return next;
};
