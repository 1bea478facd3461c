import {
  CARD_CONTEXT,
  NOT_PERSONAL_CONTEXT,
  PHONE_CONTEXT,
  SSN_CONTEXT,
  precededBy,
} from '../context.js';
import { runSpan, type DigitRun } from '../text/digit-runs.js';
import type { EntityType, Span } from '../types.js';
import { cardWindows, MIN_PARTIAL_CARD_DIGITS } from './card.js';
import { MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, phoneShaped, phoneStart } from './phone.js';
import { ssnIssuable, ssnShaped } from './ssn.js';

/** Digits redacted as the last four of an SSN after "last four of my social". */
const SSN_LAST_FOUR = 4;
const SSN_DIGITS = 9;

const card = (text: string, run: DigitRun, start: number, out: Span[]): boolean => {
  const context = precededBy(text, start, CARD_CONTEXT);
  // "order number 4111 ..." is an order number even if its digits pass Luhn by chance.
  if (!context && precededBy(text, start, NOT_PERSONAL_CONTEXT)) return false;
  if (context && run.digits.length >= MIN_PARTIAL_CARD_DIGITS) {
    // Said as a card: all of it, valid or not (a misheard digit must not publish the rest).
    out.push({ type: 'card_number', ...runSpan(run) });
    return true;
  }
  const windows = cardWindows(run);
  for (const [from, to] of windows) out.push({ type: 'card_number', ...runSpan(run, from, to) });
  return windows.length > 0;
};

const ssn = (text: string, run: DigitRun, start: number, out: Span[]): boolean => {
  const n = run.digits.length;
  if (n !== SSN_DIGITS && n !== SSN_LAST_FOUR) return false;
  const context = precededBy(text, start, SSN_CONTEXT);
  // Nine bare digits are as often an order or account number: only the printed shape
  // counts without a phrase, and only when the SSA could have issued it.
  const shaped =
    n === SSN_DIGITS &&
    ssnShaped(run) &&
    ssnIssuable(run.digits) &&
    !precededBy(text, start, NOT_PERSONAL_CONTEXT);
  if (!context && !shaped) return false;
  out.push({ type: 'ssn', ...runSpan(run) });
  return true;
};

const phone = (text: string, run: DigitRun, start: number, out: Span[]): boolean => {
  const n = run.digits.length;
  if (n < MIN_PHONE_DIGITS || n > MAX_PHONE_DIGITS) return false;
  const from = phoneStart(text, start);
  const international = text[from] === '+' || /^plus/i.test(text.slice(from, from + 4));
  // "order number 4821..." names the order even though "number" alone suggests a phone.
  if (precededBy(text, from, NOT_PERSONAL_CONTEXT)) return false;
  if (!precededBy(text, from, PHONE_CONTEXT) && !phoneShaped(run, international)) return false;
  out.push({ type: 'phone', start: from, end: runSpan(run).end });
  return true;
};

/** Cards, SSNs and phone numbers among the digit runs, most specific type first. */
export const detectNumbers = (
  text: string,
  runs: readonly DigitRun[],
  enabled: ReadonlySet<EntityType>,
  out: Span[],
  continued?: DigitRun, // already redacted as the rest of the previous fragment's card
): void => {
  for (const run of runs) {
    if (run === continued) continue;
    const start = run.starts[0] as number;
    if (enabled.has('card_number') && card(text, run, start, out)) continue;
    if (enabled.has('ssn') && ssn(text, run, start, out)) continue;
    if (enabled.has('phone')) phone(text, run, start, out);
  }
};
