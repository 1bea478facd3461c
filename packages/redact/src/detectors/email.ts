import type { Span } from '../types.js';

const TYPED = /(?<![\w.%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/gi;

// Speech-to-text writes "john dot smith at gmail dot com", and mixes of the two forms.
const WORD = '[a-z0-9]+';
const LOCAL_SEPARATOR = String.raw`(?:\s+(?:dot|period|point|underscore|dash|hyphen)\s+|[._+-])`;
const DOMAIN_DOT = String.raw`(?:\s+dot\s+|\.)`;
const TLD =
  '(?:com|net|org|edu|gov|co|uk|us|ca|au|de|fr|ie|nz|in|io|me|info|biz|mail|email|online|nl|es|it)';
// Webmail users often stop before "dot com": "john at gmail".
const PROVIDER = '(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|protonmail|live|msn)';
const SPOKEN = new RegExp(
  String.raw`\b${WORD}(?:${LOCAL_SEPARATOR}${WORD}){0,4}(?:\s+at\s+|\s*@\s*|\s+at sign\s+)` +
    String.raw`(?:${WORD}(?:\s+${WORD})?(?:${DOMAIN_DOT}${WORD}){0,3}${DOMAIN_DOT}${TLD}|(${PROVIDER}))\b`,
  'gi',
);
// "my email is john smith at ...": words after the phrase belong to the address too.
const LEADING_WORDS =
  /\be-?mail(?: address)?(?:\s+(?:is|it's|its|was))?\s+((?:(?!(?:is|it's|its|was)\s)[a-z0-9]+\s+){1,2})$/i;
const MAYBE = /@|\bat\b/i;
const SEPARATED = /\s(?:dot|underscore|dash|hyphen)\s|[._]/i;
const EMAIL_PHRASE = /\be-?mail/i;

const leadingWords = (text: string, start: number): number => {
  const before = LEADING_WORDS.exec(text.slice(Math.max(0, start - 48), start));
  return before?.[1] ? start - before[1].length : start;
};

/** Email addresses, typed or spoken. */
export const detectEmail = (text: string, out: Span[]): void => {
  if (!MAYBE.test(text)) return;
  TYPED.lastIndex = 0;
  for (let m = TYPED.exec(text); m !== null; m = TYPED.exec(text))
    out.push({ type: 'email', start: m.index, end: m.index + m[0].length });
  SPOKEN.lastIndex = 0;
  for (let m = SPOKEN.exec(text); m !== null; m = SPOKEN.exec(text)) {
    // "looked at yahoo" is not an address; "rosa dot m at yahoo" or "my email is kevin at
    // gmail" is: a bare provider needs a spoken separator or an email phrase nearby.
    if (m[1] && !SEPARATED.test(m[0]) && !EMAIL_PHRASE.test(text.slice(0, m.index))) continue;
    out.push({ type: 'email', start: leadingWords(text, m.index), end: m.index + m[0].length });
  }
};
