import { HAS_NUMBER } from '../text/number-words.js';
import type { Span } from '../types.js';
import { contextValues } from './context-value.js';
import { dateValue } from './dates.js';

const PHRASE =
  /\b(?:expir(?:y|es|ed|ation)(?: date)?|exp(?:\.|\b)(?: date)?|valid (?:thru|through|until|till)|good (?:thru|through|until|till))/gi;
// Month and year said digit by digit is six parts: "zero four two zero two seven".
const VALUE = dateValue(6);

export const detectExpiry = (text: string, out: Span[]): void =>
  contextValues(text, 'expiry', PHRASE, VALUE, (v) => HAS_NUMBER.test(v), out);
