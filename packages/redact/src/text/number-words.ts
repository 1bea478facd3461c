// Regex sources for numbers as speech-to-text writes them. Kept as strings so each
// detector compiles them once into its own pattern at module load.

/** Words that stand for one digit in a read-out number ("oh" and "o" for zero). */
export const DIGIT_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  o: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};

/** "double four" is 44, "triple one" is 111. */
export const MULTIPLIERS: Readonly<Record<string, number>> = { double: 2, triple: 3 };

const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const ORDINAL_UNITS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth';
const ORDINAL_TEENS =
  'tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth';

/** A spoken cardinal below 100: "oh", "seven", "twelve", "twenty seven", "eighty-five". */
export const NUMBER_WORD = `(?:(?:${TENS})(?:[\\s-](?:${UNITS}))?|${TEENS}|zero|oh|o|${UNITS})`;

/** A spoken or typed day ordinal: "third", "twenty-first", "21st". */
export const ORDINAL = `(?:(?:twenty|thirty)[\\s-](?:${ORDINAL_UNITS})|twentieth|thirtieth|${ORDINAL_TEENS}|${ORDINAL_UNITS}|\\d{1,2}(?:st|nd|rd|th))`;

export const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';

/** Whether a matched value holds any number at all (a month name alone is not a date). */
export const HAS_NUMBER = new RegExp(`\\d|\\b(?:${NUMBER_WORD}|${ORDINAL})\\b`, 'i');
