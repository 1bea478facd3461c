import {
  CARD_CONTEXT,
  NOT_PERSONAL_CONTEXT,
  PHONE_CONTEXT,
  SSN_CONTEXT,
  precededBy,
} from '../context.js';
import { runSpan, type DigitRun } from '../text/digit-runs.js';
import type { EntityType, Span } from '../types.js';
import { MIN_PARTIAL_CARD_DIGITS, validCard } from './card.js';
import {
  MAX_PHONE_DIGITS,
  MIN_PHONE_DIGITS,
  phoneDigits,
  phoneShaped,
  phoneStart,
} from './phone.js';
import { ssnIssuable, ssnShaped } from './ssn.js';

/*
 * Numbers typed one after another ("123-45-6789, 4111 1111 1111 1111") form one digit
 * run, because the spaces, commas and full stops between them also sit inside a single
 * number ("four one five, five five five, oh one three two"). So a run is read as a row
 * of numbers cut where tokens meet, each judged on its own, and the reading that hides
 * the most digits wins. Judging the run as a whole let one number swallow its neighbour:
 * a Luhn-valid stretch across two numbers passed by chance and the rest of both was
 * published, or the whole failed every check and nothing was hidden.
 */

/** Digits redacted as the last four of an SSN after "last four of my social". */
const SSN_LAST_FOUR = 4;
const SSN_DIGITS = 9;
/** No number is shorter than the last four of an SSN. */
const SHORTEST_NUMBER = SSN_LAST_FOUR;

/**
 * What the text before a run says about the number it starts with. A phrase names only
 * the number right after it; "+" and "plus" cannot sit inside a run.
 */
interface Before {
  card: boolean;
  ssn: boolean;
  phone: boolean;
  plus: boolean;
  /** "order number ...": nothing in the run is personal unless "card" is closer. */
  notPersonal: boolean;
}

const NOTHING_BEFORE: Before = {
  card: false,
  ssn: false,
  phone: false,
  plus: false,
  notPersonal: false,
};

const textBefore = (text: string, run: DigitRun): Before => {
  const start = run.starts[0] as number;
  const from = phoneStart(text, start);
  return {
    card: precededBy(text, start, CARD_CONTEXT),
    ssn: precededBy(text, start, SSN_CONTEXT),
    phone: precededBy(text, from, PHONE_CONTEXT),
    plus: text[from] === '+' || /^plus/i.test(text.slice(from, from + 4)),
    notPersonal: precededBy(text, from, NOT_PERSONAL_CONTEXT),
  };
};

const card = (run: DigitRun, from: number, to: number, before: Before): boolean => {
  // Said as a card: all of it, valid or not (a misheard digit must not publish the rest).
  if (before.card) return to === run.digits.length && to - from >= MIN_PARTIAL_CARD_DIGITS;
  // "order number 4111 ..." is an order number even if its digits pass Luhn by chance.
  return !before.notPersonal && validCard(run.digits, from, to);
};

const ssn = (run: DigitRun, from: number, to: number, before: Before): boolean => {
  const n = to - from;
  if (n !== SSN_DIGITS && n !== SSN_LAST_FOUR) return false;
  if (before.ssn) return true;
  // Nine bare digits are as often an order or account number: only the printed shape
  // counts without a phrase, and only when the SSA could have issued it.
  return (
    n === SSN_DIGITS &&
    !before.notPersonal &&
    ssnShaped(run, from, to) &&
    ssnIssuable(run.digits.slice(from, to))
  );
};

const phone = (run: DigitRun, from: number, to: number, before: Before): boolean => {
  const n = phoneDigits(run, from, to);
  // "order number 4821..." names the order even though "number" alone suggests a phone.
  if (n < MIN_PHONE_DIGITS || n > MAX_PHONE_DIGITS || before.notPersonal) return false;
  return before.phone || phoneShaped(run, before.plus, from, to);
};

/** Digits [from, to) of a run read as one number. */
interface Item {
  type: EntityType;
  from: number;
  to: number;
}

// A lone hyphen, full stop or comma between two groups joins them into one number:
// "123-45-6789", "415.555.0132", "40.7128", "1,250".
const JOINED = /^[-.,]$/;

/** Where a number may start or end in a run: before digit q, where a token starts not joined to the one before. */
const cutPoints = (text: string, run: DigitRun): boolean[] => {
  const cuts = run.boundary.map(
    (first, q) => first && (q === 0 || !JOINED.test(text.slice(run.ends[q - 1], run.starts[q]))),
  );
  cuts.push(true); // the end of the run
  return cuts;
};

/**
 * The best reading of digits [first, end) of a run as numbers and passed-over tokens:
 * - the one hiding the most digits;
 * - then the one with more numbers: each passed its own check, while one long number made
 *   of them passed one (a Luhn check passes one time in ten by chance), so
 *   "123-45-6789 4111 1111 1111 1111" stays an SSN and a card even though its last 16
 *   digits after "123-45-" happen to pass Luhn as well;
 * - then a number rather than passing over, and a shorter number rather than a longer
 *   one: a number that passes by chance usually runs on into its neighbour's first group.
 */
const bestReading = (
  cuts: readonly boolean[],
  first: number,
  judge: (from: number, to: number) => EntityType | undefined,
): Item[] => {
  const n = cuts.length - 1;
  // Working back from the end, the best reading of digits [p, n): how many digits it
  // hides, how many numbers it has, and the number it starts with (none: it passes over
  // the token at p).
  const hidden = new Array<number>(n + 1).fill(0);
  const numbers = new Array<number>(n + 1).fill(0);
  const chosen: (Item | undefined)[] = [];
  let next = n; // the cut after p
  for (let p = n - 1; p >= first; p--) {
    if (!cuts[p]) continue;
    let bestHidden = hidden[next] as number;
    let bestNumbers = numbers[next] as number;
    for (let q = p + SHORTEST_NUMBER; q <= n; q++) {
      if (!cuts[q]) continue;
      const h = q - p + (hidden[q] as number);
      const c = 1 + (numbers[q] as number);
      const better = h > bestHidden || (h === bestHidden && c > bestNumbers);
      const tie = h === bestHidden && c === bestNumbers;
      // Judged only when it would win, which also keeps the checks few.
      if (!better && !(tie && chosen[p] === undefined)) continue;
      const type = judge(p, q);
      if (type === undefined) continue;
      chosen[p] = { type, from: p, to: q };
      bestHidden = h;
      bestNumbers = c;
    }
    hidden[p] = bestHidden;
    numbers[p] = bestNumbers;
    next = p;
  }
  const items: Item[] = [];
  for (let p = first; p < n;) {
    const item = chosen[p];
    if (item) {
      items.push(item);
      p = item.to;
    } else {
      do p++;
      while (p < n && !cuts[p]);
    }
  }
  return items;
};

/**
 * Cards, SSNs and phone numbers among the digit runs, most specific type first. `continued`:
 * the leading digits of a run already redacted as the rest of the previous fragment's card.
 */
export const detectNumbers = (
  text: string,
  runs: readonly DigitRun[],
  enabled: ReadonlySet<EntityType>,
  out: Span[],
  continued?: { run: DigitRun; digits: number },
): void => {
  const cards = enabled.has('card_number');
  const ssns = enabled.has('ssn');
  const phones = enabled.has('phone');
  for (const run of runs) {
    const first = run === continued?.run ? continued.digits : 0;
    const before = first === 0 ? textBefore(text, run) : NOTHING_BEFORE;
    // Inside a run the text before a number is the number before it: no phrase, but an
    // "order number" before the run still covers all of it.
    const inside: Before = { ...NOTHING_BEFORE, notPersonal: before.notPersonal };
    const judge = (from: number, to: number): EntityType | undefined => {
      const said = from === 0 ? before : inside;
      if (cards && card(run, from, to, said)) return 'card_number';
      if (ssns && ssn(run, from, to, said)) return 'ssn';
      if (phones && phone(run, from, to, said)) return 'phone';
      return undefined;
    };
    for (const { type, from, to } of bestReading(cutPoints(text, run), first, judge)) {
      const { start, end } = runSpan(run, from, to);
      // "+", "plus" and "(" belong to a phone number.
      out.push({ type, start: type === 'phone' ? phoneStart(text, start) : start, end });
    }
  }
};
