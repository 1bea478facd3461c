import { HAS_NUMBER } from '../text/number-words.js';
import type { Span } from '../types.js';
import { contextValues } from './context-value.js';
import { dateValue } from './dates.js';

const PHRASE =
  /\b(?:date of birth|birth ?date|birthday|d\.?\s?o\.?\s?b\.?|born(?: on| in)?)(?=\W|$)/gi;
// Day, month and year said digit by digit is eight parts: "one two oh three one nine eight five".
const VALUE = dateValue(8);

export const detectDateOfBirth = (text: string, out: Span[]): void =>
  contextValues(text, 'date_of_birth', PHRASE, VALUE, (v) => HAS_NUMBER.test(v), out);
