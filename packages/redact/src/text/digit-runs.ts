import { DIGIT_WORDS, MULTIPLIERS } from './number-words.js';

/**
 * A stretch of text read as one string of digits: typed groups ("4111 1111"), spoken
 * digits ("four one one one"), "double"/"triple" and any mix, joined by spaces, dashes,
 * commas, full stops, brackets or hesitations ("um"). Per-digit offsets let a detector
 * cut out exactly the digits it wants.
 */
export interface DigitRun {
  digits: string;
  /** Input offsets of the token that produced each digit. */
  starts: number[];
  ends: number[];
  /** True at digit indexes where a new token begins (a card cannot start mid-group). */
  boundary: boolean[];
  /** True at digit indexes typed as numerals ("4111"); false where said ("four", "double 4"). */
  typed: boolean[];
}

// Bounded (\b on both sides) so "1st" and "fourteen" are not digits.
const TOKEN = /\b(?:\d+|zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple)\b/gi;
// What may sit between two tokens of one number; longer gaps or words end the run.
const GAP = /^(?:[\s,.\-()]|\b(?:um|uh|er|erm)\b)*$/i;
const MAX_GAP = 10; // characters

interface Building extends DigitRun {
  strong: boolean; // holds a digit other than "oh"/"o", which alone are just speech
}

const newRun = (): Building => ({
  digits: '',
  starts: [],
  ends: [],
  boundary: [],
  typed: [],
  strong: false,
});

const push = (
  run: Building,
  digit: string,
  start: number,
  end: number,
  first: boolean,
  typed: boolean,
) => {
  run.digits += digit;
  run.starts.push(start);
  run.ends.push(end);
  run.boundary.push(first);
  run.typed.push(typed);
};

/** Every digit run in `text`, in order. */
export const digitRuns = (text: string): DigitRun[] => {
  const runs: DigitRun[] = [];
  let run = newRun();
  let lastEnd = -1;
  let multiplier = 1;
  let multiplierStart = 0;
  const close = () => {
    if (run.strong) runs.push(run);
    run = newRun();
    multiplier = 1;
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const word = m[0];
    const start = m.index;
    const end = start + word.length;
    if (lastEnd >= 0) {
      const gap = start - lastEnd;
      if (gap > MAX_GAP || (gap > 0 && !GAP.test(text.slice(lastEnd, start)))) close();
    }
    lastEnd = end;
    const lower = word.toLowerCase();
    const times = MULTIPLIERS[lower];
    if (times !== undefined) {
      if (multiplier > 1) close(); // "double double" is not a number
      multiplier = times;
      multiplierStart = start;
      continue;
    }
    const code = word.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      // A typed group. After "double" only a single digit repeats ("double 4").
      if (multiplier > 1 && word.length === 1) {
        for (let k = 0; k < multiplier; k++) push(run, word, multiplierStart, end, k === 0, false);
      } else {
        if (multiplier > 1) close();
        for (let k = 0; k < word.length; k++)
          push(run, word[k] as string, start, end, k === 0, true);
      }
      run.strong = true;
    } else {
      const digit = String(DIGIT_WORDS[lower]);
      const from = multiplier > 1 ? multiplierStart : start;
      for (let k = 0; k < multiplier; k++) push(run, digit, from, end, k === 0, false);
      if (lower !== 'oh' && lower !== 'o') run.strong = true;
    }
    multiplier = 1;
  }
  close();
  return runs;
};

/** The input span of digits [from, to) of a run. */
export const runSpan = (run: DigitRun, from = 0, to = run.digits.length) => ({
  start: run.starts[from] as number,
  end: run.ends[to - 1] as number,
});

/** Digit counts of the typed groups among digits [from, to), e.g. [3, 2, 4] for "123-45-6789". */
export const typedGroups = (run: DigitRun, from = 0, to = run.digits.length): number[] => {
  const groups: number[] = [];
  let length = 0;
  for (let i = from; i < to; i++) {
    if (run.typed[i] && !run.boundary[i]) {
      length++;
      continue;
    }
    if (length > 0) groups.push(length);
    length = run.typed[i] ? 1 : 0;
  }
  if (length > 0) groups.push(length);
  return groups;
};

/** Whether digits [from, to) were all typed as numerals, none said. */
export const allTyped = (run: DigitRun, from = 0, to = run.digits.length): boolean => {
  for (let i = from; i < to; i++) if (!run.typed[i]) return false;
  return true;
};
