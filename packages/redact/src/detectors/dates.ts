import { MONTH, NUMBER_WORD, ORDINAL } from '../text/number-words.js';

const PART = `(?:${MONTH}|${ORDINAL}|${NUMBER_WORD}|\\d{1,4})`;
const SEPARATOR = String.raw`(?:\s*[/.\-]\s*|\s*,?\s+|\s+slash\s+|\s+of\s+|\s+the\s+)`;

/** A date as typed or said: "04/27", "oh four twenty seven", "the 3rd of March 1985". */
export const dateValue = (maxParts: number): RegExp =>
  new RegExp(`${PART}(?:${SEPARATOR}${PART}){0,${maxParts - 1}}\\b`, 'iy');
