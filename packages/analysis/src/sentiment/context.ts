import { BREAK, type Token } from '../text/tokenize.js';
import { CONTRASTS, INTENSITY, MODIFIER_WINDOW, NEGATION_WINDOW, isNegator } from './modifiers.js';

// Negators and degree words reach back only within their clause: in "No, that's fine"
// the "no" answers a question and does not negate "fine"; nor does anything cross "but".

/** Whether a negator precedes token `at` within NEGATION_WINDOW words of its clause. */
export const isNegatedAt = (forms: readonly string[], tokens: readonly Token[], at: number) => {
  const stop = Math.max(0, at - NEGATION_WINDOW);
  for (let j = at - 1; j >= stop; j--) {
    if ((tokens[j + 1] as Token).breakBefore !== BREAK.none) return false;
    const form = forms[j] as string;
    if (CONTRASTS.has(form)) return false;
    if (isNegator(form)) return true;
  }
  return false;
};

/** The product of the degree words just before token `at` ("really very", "a bit"). */
export const intensityAt = (forms: readonly string[], tokens: readonly Token[], at: number) => {
  let factor = 1;
  const stop = Math.max(0, at - MODIFIER_WINDOW);
  for (let j = at - 1; j >= stop; j--) {
    if ((tokens[j + 1] as Token).breakBefore !== BREAK.none) break;
    const change = INTENSITY.get(forms[j] as string);
    // The nearer degree word counts fully, the one before it half.
    if (change !== undefined) factor *= 1 + (j === at - 1 ? change : change / 2);
  }
  return factor;
};

/**
 * Per token, the factor "but" gives it: within a sentence that contains "but" (or
 * "however"), words before the last one count half and words after it one and a half
 * times. Null when the text has no such word, which is most texts.
 */
export const contrastFactors = (
  forms: readonly string[],
  tokens: readonly Token[],
  before: number,
  after: number,
): number[] | null => {
  let any = false;
  for (const form of forms) if (CONTRASTS.has(form)) any = true;
  if (!any) return null;
  const factors = new Array<number>(forms.length).fill(1);
  let sentenceStart = 0;
  const closeSentence = (end: number): void => {
    let contrast = -1;
    for (let i = sentenceStart; i < end; i++) if (CONTRASTS.has(forms[i] as string)) contrast = i;
    if (contrast < 0) return;
    for (let i = sentenceStart; i < end; i++) {
      if (i !== contrast) factors[i] = i < contrast ? before : after;
    }
  };
  for (let i = 1; i < tokens.length; i++) {
    if ((tokens[i] as Token).breakBefore === BREAK.sentence) {
      closeSentence(i);
      sentenceStart = i;
    }
  }
  closeSentence(tokens.length);
  return factors;
};

/**
 * Whether a token is written in capitals among words that are not: shouting. Needs two
 * letters ("I" and "A" are not shouting) and a text that is not all capitals.
 */
export const createShoutDetector = (tokens: readonly Token[]) => {
  let mixed: boolean | undefined;
  const isCaps = (raw: string) =>
    raw.length >= 2 && raw !== raw.toLowerCase() && raw === raw.toUpperCase();
  return (token: Token): boolean => {
    if (!isCaps(token.raw)) return false;
    mixed ??= tokens.some((t) => !isCaps(t.raw) && t.raw !== t.raw.toUpperCase());
    return mixed;
  };
};
