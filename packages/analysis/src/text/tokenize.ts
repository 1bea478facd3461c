import { canonicalWord } from './contractions.js';
import { EMOTICONS_BY_FIRST_CHAR } from './emoticons.js';
import { foldWord } from './fold.js';

/** What separates a token from the one before it. */
export const BREAK = { none: 0, clause: 1, sentence: 2 } as const;
export type Break = (typeof BREAK)[keyof typeof BREAK];

export interface Token {
  /** The word as written in the text. */
  raw: string;
  /**
   * The form every lexicon and keyword comparison uses: folded (`foldWord`) and with a
   * dropped contraction apostrophe restored ("cant" -> "can't"). Emoticons as written.
   */
  norm: string;
  /** UTF-16 offsets into the original text, end exclusive: text.slice(start, end) === raw. */
  start: number;
  end: number;
  /** The strongest punctuation between the previous token and this one. */
  breakBefore: Break;
}

export interface Tokenized {
  tokens: Token[];
  /** Count of "!" in the text: emphasis, when a transcriber or writer adds it. */
  exclamations: number;
}

// Letters, combining marks and digits of any script. Only consulted for non-ASCII.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * Splits text into words with their offsets, in one linear pass (no backtracking, so any
 * input runs in time proportional to its length). A word is a run of letters, marks and
 * digits; an apostrophe between two such characters stays inside it, so "can't",
 * "isn’t" and "customer's" are single tokens. Emoticons (":)", "<3") are tokens too.
 * Everything else separates words and is kept only as the clause or sentence break it
 * implies.
 *
 * natural's tokenizers are not used here: they return no offsets, split "café" at the
 * accent and drop apostrophes, all of which keyword hits and negation need.
 */
export const tokenize = (text: string): Tokenized => {
  const tokens: Token[] = [];
  let exclamations = 0;
  let pending: Break = BREAK.none;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const width = wordCharWidth(text, i);
    if (width === 0) {
      const emoticon = emoticonAt(text, i);
      if (emoticon !== undefined) {
        const end = i + emoticon.length;
        const breakBefore = tokens.length === 0 ? BREAK.none : pending;
        tokens.push({ raw: emoticon, norm: emoticon, start: i, end, breakBefore });
        // An emoticon closes what came before it, like punctuation.
        pending = BREAK.clause;
        i = end;
        continue;
      }
      const code = text.charCodeAt(i);
      if (code === 0x21) exclamations++;
      const kind = breakOf(text, i, code);
      if (kind > pending) pending = kind;
      i++;
      continue;
    }
    const start = i;
    i += width;
    while (i < n) {
      const next = wordCharWidth(text, i);
      if (next > 0) i += next;
      else if (isApostrophe(text.charCodeAt(i)) && wordCharWidth(text, i + 1) > 0) i++;
      else break;
    }
    const raw = text.slice(start, i);
    const breakBefore = tokens.length === 0 ? BREAK.none : pending;
    tokens.push({ raw, norm: canonicalWord(foldWord(raw)), start, end: i, breakBefore });
    pending = BREAK.none;
  }
  return { tokens, exclamations };
};

/** 0 if the character at i is not part of a word, else its length in UTF-16 units. */
const wordCharWidth = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39)
      ? 1
      : 0;
  }
  if (Number.isNaN(code)) return 0;
  const point = text.codePointAt(i) ?? code;
  const width = point > 0xffff ? 2 : 1;
  return WORD_CHAR.test(String.fromCodePoint(point)) ? width : 0;
};

/**
 * The emoticon starting at i, if any: not glued to a following word (":Dear"), and for
 * the slanted ones not inside a URL ("http://").
 */
const emoticonAt = (text: string, i: number): string | undefined => {
  const forms = EMOTICONS_BY_FIRST_CHAR.get(text.charCodeAt(i));
  if (forms === undefined) return undefined;
  for (const form of forms) {
    if (!text.startsWith(form, i)) continue;
    const after = i + form.length;
    if (wordCharWidth(text, after) > 0 || text.charCodeAt(after) === 0x2f) continue;
    if (/[/\\]/.test(form) && i > 0 && !/\s/.test(text.charAt(i - 1))) continue;
    return form;
  }
  return undefined;
};

const isApostrophe = (code: number): boolean =>
  code === 0x27 || code === 0x2019 || code === 0x2018 || code === 0x02bc;

const breakOf = (text: string, i: number, code: number): Break => {
  switch (code) {
    case 0x2e: // .
    case 0x21: // !
    case 0x3f: // ?
    case 0x3b: // ;
    case 0x0a: // newline
    case 0x2026: // …
      return BREAK.sentence;
    case 0x2c: // ,
    case 0x3a: // :
    case 0x28: // (
    case 0x29: // )
    case 0x22: // "
    case 0x201c: // “
    case 0x201d: // ”
    case 0x2013: // –
    case 0x2014: // —
      return BREAK.clause;
    case 0x2d: // - : a dash between spaces, not the hyphen in "wi-fi"
      return i > 0 && text.charCodeAt(i - 1) === 0x20 ? BREAK.clause : BREAK.none;
    default:
      return BREAK.none;
  }
};
