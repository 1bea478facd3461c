// Characters that look like (or hide between) the ASCII ones the detectors read: a card
// typed with en dashes, a zero-width space between its groups or full-width digits (from an
// East Asian keyboard) must not be published in the clear. Each becomes one ASCII
// character of the same UTF-16 length, so offsets into the result are offsets into the input.

const NON_ASCII = /[\u0080-\uffff]/;
// Hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus sign,
// small em dash, small hyphen-minus.
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63]/g;
// Soft hyphen, zero-width space, non-joiner and joiner, word joiner, zero-width no-break
// space: invisible, each read as a space (dropping it would shift the offsets).
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Full-width forms of ASCII "!" to "~" (digits, letters, "-", "@", "."): a fixed offset.
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/** The text as the detectors read it; same length, same offsets. */
export const normalize = (text: string): string =>
  NON_ASCII.test(text)
    ? text
        .replace(DASHES, '-')
        .replace(INVISIBLE, ' ')
        .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    : text;
