import { mergeSpans } from './apply.js';
import { continuation, leadingRun, nextCarry, trailingRun } from './carry.js';
import { CARD_CONTEXT, precededBy } from './context.js';
import { compileCustomPatterns, type CustomPattern } from './custom.js';
import { MAX_CARD_DIGITS, validCard } from './detectors/card.js';
import { detectCustom } from './detectors/custom.js';
import { detectCvv } from './detectors/cvv.js';
import { detectDateOfBirth } from './detectors/date-of-birth.js';
import { detectEmail } from './detectors/email.js';
import { detectExpiry } from './detectors/expiry.js';
import { detectIban } from './detectors/iban.js';
import { detectNumbers } from './detectors/numbers.js';
import { digitRuns, runSpan, type DigitRun } from './text/digit-runs.js';
import { normalize } from './text/normalize.js';
import {
  ENTITY_TYPES,
  type CarryState,
  type EntityType,
  type RedactContext,
  type Span,
  type SpeakerCarry,
} from './types.js';

export interface RedactorOptions {
  /** Built-in types to redact; default all of ENTITY_TYPES. */
  types?: readonly EntityType[];
  /** Operator patterns, redacted as `[NAME_UPPER]`. */
  custom?: readonly CustomPattern[];
  /** Digits carried per speaker into their next fragment (default 19, a card's longest; 0 = off). */
  lookBack?: number;
}

export interface Detection {
  /** Merged spans of the INPUT text. */
  spans: Span[];
  carry: CarryState;
}

/** Thrown by createRedactor for options that can never work; the message lists them all. */
export class RedactConfigError extends Error {
  override name = 'RedactConfigError';
  readonly retriable = false;
}

const DEFAULT_SPEAKER = 'default';
const NUMBER_TYPES: readonly EntityType[] = ['card_number', 'ssn', 'phone'];

/** The text with every span replaced by "*", so no detector reads those digits again. */
const hide = (text: string, spans: readonly Span[]): string => {
  let hidden = text;
  for (const { start, end } of spans)
    hidden = hidden.slice(0, start) + '*'.repeat(end - start) + hidden.slice(end);
  return hidden;
};

/** What the previous fragment's carry and this fragment's runs leave for the next one. */
const carryOut = (
  text: string,
  runs: readonly DigitRun[],
  lead: DigitRun | undefined,
  previous: SpeakerCarry | undefined,
  joined: boolean,
  lookBack: number,
): SpeakerCarry | undefined => {
  const tail = trailingRun(text, runs);
  if (!tail) return undefined;
  const continues = tail === lead && previous !== undefined && joined;
  const digits = continues ? previous.digits + tail.digits : tail.digits;
  if (validCard(digits)) return undefined; // nothing left to complete
  const card =
    (continues && previous.card) || precededBy(text, tail.starts[0] as number, CARD_CONTEXT);
  return { digits: digits.slice(-lookBack), card };
};

/** The detection half of the redactor: input spans, no replacement (used by the eval). */
export const createDetector = ({
  types = ENTITY_TYPES,
  custom = [],
  lookBack = MAX_CARD_DIGITS,
}: RedactorOptions = {}) => {
  const problems: string[] = [];
  const unknown = types.filter((t) => !(ENTITY_TYPES as readonly string[]).includes(t));
  if (unknown.length) problems.push(`unknown types: ${unknown.join(', ')}`);
  if (!Number.isInteger(lookBack) || lookBack < 0 || lookBack > MAX_CARD_DIGITS)
    problems.push(`lookBack must be an integer from 0 to ${MAX_CARD_DIGITS}`);
  const compiled = compileCustomPatterns(custom);
  if (!compiled.ok) problems.push(compiled.error);
  if (problems.length || !compiled.ok) throw new RedactConfigError(problems.join('; '));
  const patterns = compiled.value;
  const enabled: ReadonlySet<EntityType> = new Set(types);
  const numbers = NUMBER_TYPES.some((t) => enabled.has(t));
  const carrying = enabled.has('card_number') && lookBack > 0;

  return (input: string, ctx: RedactContext = {}): Detection => {
    // Same length as the input, so every offset found in it is an offset of the input.
    const text = normalize(input);
    const spans: Span[] = [];
    // IBANs first: their digits are checked by mod 97 and belong to them, not to a card
    // or phone number read across the IBAN's end.
    if (enabled.has('iban')) detectIban(text, spans);
    const numberText = spans.length > 0 ? hide(text, spans) : text;
    const runs = numbers ? digitRuns(numberText) : [];
    let carry = ctx.carry ?? {};
    let continued: { run: DigitRun; digits: number } | undefined;
    if (carrying) {
      const speaker = ctx.speaker ?? DEFAULT_SPEAKER;
      const previous = carry[speaker];
      const lead = previous ? leadingRun(numberText, runs) : undefined;
      const taken = previous && lead ? continuation(previous, lead) : 0;
      if (lead && taken > 0) {
        spans.push({ type: 'card_number', ...runSpan(lead, 0, taken) });
        continued = { run: lead, digits: taken };
      }
      const out = carryOut(numberText, runs, lead, previous, taken > 0, lookBack);
      if (out || previous) carry = nextCarry(carry, speaker, out);
    }
    detectNumbers(numberText, runs, enabled, spans, continued);
    if (enabled.has('cvv')) detectCvv(text, spans);
    if (enabled.has('expiry')) detectExpiry(text, spans);
    if (enabled.has('date_of_birth')) detectDateOfBirth(text, spans);
    if (enabled.has('email')) detectEmail(text, spans);
    if (patterns.length) detectCustom(text, patterns, spans);
    return { spans: mergeSpans(spans), carry };
  };
};
