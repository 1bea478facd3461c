import type { Span } from '../types.js';

// Addresses may be in any script ("zoë@example.com", "Jürgen.Groß@web.de",
// "john@müller.de"), and \w and \b know only ASCII: a letter is \p{L} with its combining
// marks \p{M}, and a word's edges are spelled out as lookarounds.
const LETTER = String.raw`\p{L}\p{M}\p{N}`;
const NOT_AFTER_LETTER = `(?<![${LETTER}])`;
const NOT_BEFORE_LETTER = `(?![${LETTER}])`;

// The local part also takes apostrophes ("o'brien@", "o’brien@"), which addresses allow.
const LOCAL_CHAR = `[${LETTER}._%+'’-]`;
const TYPED = new RegExp(
  `(?<!${LOCAL_CHAR})${LOCAL_CHAR}+@[${LETTER}-]+(?:\\.[${LETTER}-]+)*\\.\\p{L}{2,}${NOT_BEFORE_LETTER}`,
  'giu',
);

// Speech-to-text writes "john dot smith at gmail dot com", and mixes of the two forms.
const WORD = `[${LETTER}]+`;
const LOCAL_SEPARATOR = String.raw`(?:\s+(?:dot|period|point|underscore|dash|hyphen)\s+|[._+-])`;
const DOMAIN_DOT = String.raw`(?:\s+dot\s+|\.)`;
const TLD =
  '(?:com|net|org|edu|gov|co|uk|us|ca|au|de|fr|ie|nz|in|io|me|info|biz|mail|email|online|nl|es|it)';
// Webmail users often stop before "dot com": "john at gmail".
const PROVIDER = '(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|protonmail|live|msn)';
const SPOKEN = new RegExp(
  String.raw`${NOT_AFTER_LETTER}(${WORD}(?:${LOCAL_SEPARATOR}${WORD}){0,4})(?:\s+at\s+|\s*@\s*|\s+at sign\s+)` +
    String.raw`(?:${WORD}(?:\s+${WORD})?(?:${DOMAIN_DOT}${WORD}){0,3}${DOMAIN_DOT}${TLD}|(${PROVIDER}))${NOT_BEFORE_LETTER}`,
  'giu',
);
// "I was at home dot com", "email me at ...": a pronoun or a form of "be" before "at" is
// the sentence going on, not the name of a mailbox.
const NOT_A_MAILBOX =
  /^(?:i|me|we|us|you|he|him|she|her|it|they|them|am|is|are|was|were|be|been)$/i;
// "my email is john smith at ...": words after the phrase belong to the address too, but
// only after "is" or "was" ("email me at ..." is a request, "email support at ..." a name).
const LEADING_WORDS = new RegExp(
  String.raw`\be-?mail(?: address)?\s+(?:is|it's|its|was)\s+((?:(?!(?:is|it's|its|was)\s)${WORD}\s+){1,2})$`,
  'iu',
);
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
    const local = m[1] ?? '';
    if (NOT_A_MAILBOX.test(local)) {
      SPOKEN.lastIndex = m.index + local.length; // an address may still follow
      continue;
    }
    // "looked at yahoo" is not an address; "rosa dot m at yahoo" or "my email is kevin at
    // gmail" is: a bare provider needs a spoken separator or an email phrase nearby.
    if (m[2] && !SEPARATED.test(m[0]) && !EMAIL_PHRASE.test(text.slice(0, m.index))) continue;
    out.push({ type: 'email', start: leadingWords(text, m.index), end: m.index + m[0].length });
  }
};
