import { FILLER } from '../context.js';
import type { EntityType, Span } from '../types.js';

const SKIP_FILLER = new RegExp(FILLER, 'iy');

/**
 * Values that are personal only in context ("expires ...", "security code is ..."):
 * for each match of `phrase`, skip filler words, then take `value` if it starts right there.
 * `phrase` must be global; `value` sticky.
 */
export const contextValues = (
  text: string,
  type: EntityType,
  phrase: RegExp,
  value: RegExp,
  accept: (matched: string) => boolean,
  out: Span[],
): void => {
  phrase.lastIndex = 0;
  for (let m = phrase.exec(text); m !== null; m = phrase.exec(text)) {
    SKIP_FILLER.lastIndex = m.index + m[0].length;
    SKIP_FILLER.exec(text);
    value.lastIndex = SKIP_FILLER.lastIndex;
    const v = value.exec(text);
    if (v === null || !accept(v[0])) continue;
    out.push({ type, start: v.index, end: v.index + v[0].length });
    phrase.lastIndex = Math.max(phrase.lastIndex, v.index + v[0].length);
  }
};
