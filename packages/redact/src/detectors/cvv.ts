import { HAS_NUMBER, NUMBER_WORD } from '../text/number-words.js';
import type { Span } from '../types.js';
import { contextValues } from './context-value.js';

// Three or four digits mean nothing on their own; only these phrases make them a code.
const PHRASE =
  /\b(?:security (?:code|number)|cvv2?|cvc2?|csc|cid|card verification(?: value| code| number)?|(?:three|four|3|4)[- ]digit(?: security)? (?:code|number)|(?:code|digits|numbers?) on the back(?: of (?:the|my) card)?)\b/gi;
// Typed digits, together ("737") or one by one ("7 3 7"), or up to four spoken numbers
// ("seven three seven", "seven thirty-seven").
const VALUE = new RegExp(
  String.raw`\d{3,4}\b|\d(?:[\s,-]+\d){2,3}\b|${NUMBER_WORD}(?:[\s,-]+${NUMBER_WORD}){0,3}\b`,
  'iy',
);

export const detectCvv = (text: string, out: Span[]): void =>
  contextValues(text, 'cvv', PHRASE, VALUE, (v) => HAS_NUMBER.test(v), out);
