import type { Token, Tokenized } from '../text/tokenize.js';
import type { WeightedWord } from '../types.js';
import { contrastFactors, createShoutDetector, intensityAt, isNegatedAt } from './context.js';
import { drawnOutEntry } from './lexicon/lookup.js';
import type { CompiledEntry, Lexicon } from './lexicon/compile-lexicon.js';
import {
  AFTER_CONTRAST_FACTOR,
  BEFORE_CONTRAST_FACTOR,
  CAPS_FACTOR,
  EXCLAMATION_MAX,
  EXCLAMATION_WEIGHT,
  NEGATION_FACTOR,
} from './modifiers.js';

export interface RawSentiment {
  score: number;
  comparative: number;
  words: WeightedWord[];
}

const round = (value: number, places: number): number => {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale + 0; // + 0 turns -0 into 0
};

/**
 * Scores tokens against a lexicon: each lexicon word or phrase (longest first), its
 * weight flipped by a negator before it, scaled by degree words, "but" and capitals;
 * then "!" pushes the total further in its own direction. `score` is exactly the sum
 * of the reported word weights; `comparative` is `score` per token.
 */
export const scoreTokens = (
  { tokens, exclamations }: Tokenized,
  lexicon: Lexicon,
): RawSentiment => {
  const n = tokens.length;
  if (n === 0) return { score: 0, comparative: 0, words: [] };
  const forms = tokens.map((t) => t.norm);
  const found: { word: string; weight: number; at: number }[] = [];
  const isShouted = createShoutDetector(tokens);
  for (let i = 0; i < n; i++) {
    const form = forms[i] as string;
    const entries = lexicon.get(form);
    const entry =
      entries === undefined
        ? drawnOutEntry(lexicon, form)
        : longestMatch(entries, forms, tokens, i);
    if (entry === undefined) continue;
    const negated = isNegatedAt(forms, tokens, i);
    let weight = negated ? (entry.negated ?? entry.weight * NEGATION_FACTOR) : entry.weight;
    if (weight !== 0) {
      weight *= intensityAt(forms, tokens, i);
      if (isShouted(tokens[i] as Token)) weight *= CAPS_FACTOR;
      found.push({ word: entry.key, weight, at: i });
    }
    i += entry.words.length - 1;
  }
  const contrast = contrastFactors(forms, tokens, BEFORE_CONTRAST_FACTOR, AFTER_CONTRAST_FACTOR);
  const words: WeightedWord[] = [];
  let score = 0;
  for (const { word, weight, at } of found) {
    const final = round(weight * (contrast?.[at] ?? 1), 3);
    if (final === 0) continue;
    words.push({ word, weight: final });
    score += final;
  }
  if (score !== 0 && exclamations > 0) {
    const weight = Math.sign(score) * EXCLAMATION_WEIGHT * Math.min(exclamations, EXCLAMATION_MAX);
    words.push({ word: '!', weight: round(weight, 3) });
    score += weight;
  }
  score = round(score, 3);
  return { score, comparative: round(score / n, 4), words };
};

/** The longest entry whose words follow at `at` within one clause. */
const longestMatch = (
  entries: readonly CompiledEntry[],
  forms: readonly string[],
  tokens: readonly Token[],
  at: number,
): CompiledEntry | undefined => {
  outer: for (const entry of entries) {
    const { words } = entry;
    if (at + words.length > forms.length) continue;
    for (let k = 1; k < words.length; k++) {
      if (forms[at + k] !== words[k] || (tokens[at + k] as Token).breakBefore !== 0) continue outer;
    }
    return entry;
  }
  return undefined;
};
