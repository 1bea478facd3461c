import { EMOTICONS } from '../../text/emoticons.js';
import { tokenize } from '../../text/tokenize.js';
import { AFINN_165 } from '../afinn.js';
import { CALL_CENTER_LEXICON } from './call-center.js';
import { GENERAL_GAPS } from './general-gaps.js';
import type { LexiconEntry } from './entry.js';

/** A lexicon entry ready for matching: its words in lexical form. */
export interface CompiledEntry {
  /** The entry as reported in `SentimentResult.words`. */
  key: string;
  words: readonly string[];
  weight: number;
  negated: number | undefined;
}

/** Entries by their first word, longest first, so the longest phrase wins. */
export type Lexicon = ReadonlyMap<string, readonly CompiledEntry[]>;

/** The words of a lexicon key, or [] when it has none ("!!"). */
export const entryWords = (text: string): string[] => tokenize(text).tokens.map((t) => t.norm);

/**
 * AFINN-165, emoticons and a few everyday words AFINN lacks, then the call-center
 * lexicon, then the operator's overrides: a later entry for the same words replaces an
 * earlier one. An override is a plain weight, negated
 * like an AFINN word.
 */
export const compileLexicon = (overrides: Readonly<Record<string, number>> = {}): Lexicon => {
  const byKey = new Map<string, CompiledEntry>();
  const add = ({ text, weight, negated }: LexiconEntry): void => {
    const words = entryWords(text);
    if (words.length === 0) return;
    const key = words.join(' ');
    byKey.set(key, { key, words, weight, negated });
  };
  for (const [text, weight] of Object.entries(AFINN_165)) add({ text, weight });
  for (const [text, weight] of EMOTICONS) add({ text, weight });
  for (const entry of GENERAL_GAPS) add(entry);
  for (const entry of CALL_CENTER_LEXICON) add(entry);
  for (const [text, weight] of Object.entries(overrides)) {
    if (entryWords(text).length === 0) {
      throw new RangeError(`sentiment override "${text}" contains no word`);
    }
    if (!Number.isFinite(weight)) {
      throw new RangeError(`sentiment override "${text}" must be a finite number`);
    }
    add({ text, weight });
  }
  const lexicon = new Map<string, CompiledEntry[]>();
  for (const entry of byKey.values()) {
    const first = entry.words[0] as string;
    const list = lexicon.get(first);
    if (list) list.push(entry);
    else lexicon.set(first, [entry]);
  }
  for (const list of lexicon.values()) list.sort((a, b) => b.words.length - a.words.length);
  return lexicon;
};

// Compiling takes tens of milliseconds; the analyzer service recompiles on every keyword
// list change with the same overrides, so the last few lexicons are kept (never mutated).
const recent = new Map<string, Lexicon>();
const MAX_RECENT = 4;

/** The lexicon for these overrides, compiled once per distinct set of them. */
export const lexiconFor = (overrides: Readonly<Record<string, number>> = {}): Lexicon => {
  const key = JSON.stringify(Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : 1)));
  let lexicon = recent.get(key);
  if (lexicon === undefined) {
    lexicon = compileLexicon(overrides);
    if (recent.size >= MAX_RECENT) recent.delete(recent.keys().next().value ?? '');
    recent.set(key, lexicon);
  }
  return lexicon;
};
