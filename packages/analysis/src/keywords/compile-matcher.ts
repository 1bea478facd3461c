import type { Speaker } from '../types.js';
import { stemWord } from '../text/stem.js';
import { createFuzzyIndex, type FuzzyIndex } from './fuzzy-index.js';
import { termWords, termWordVariants } from './match-keys.js';
import { ANY_SPEAKER, type KeywordList, type MatchMode } from './schema.js';

/** A term ready to match: per word, the keys that match it. */
export interface CompiledTerm {
  list: string;
  /** The term as the list writes it (trimmed), reported in hits. */
  term: string;
  match: MatchMode;
  /** Folded spellings (exact, phrase), Porter stems (stem) or the folded word (fuzzy). */
  words: readonly (readonly string[])[];
  /** Extra words allowed inside a phrase, in total. */
  slop: number;
  /** Edits allowed over the whole fuzzy term. */
  maxDistance: number;
}

/**
 * The terms one speaker's utterances are matched against, indexed by first word: one
 * Map lookup per token finds every exact and phrase term starting there, one more every
 * stem term, however many terms there are. Only fuzzy matching compares a new word
 * with each fuzzy word, and remembers the answer.
 */
export interface SpeakerMatcher {
  byWord: ReadonlyMap<string, readonly CompiledTerm[]>;
  byStem: ReadonlyMap<string, readonly CompiledTerm[]>;
  byFuzzyWord: ReadonlyMap<string, readonly CompiledTerm[]>;
  fuzzy: FuzzyIndex | null;
}

export interface KeywordMatcher {
  /** The terms that apply to a speaker's utterances (built once per speaker name). */
  forSpeaker: (speaker: Speaker) => SpeakerMatcher;
  /** The enabled lists, in the order given. */
  lists: readonly string[];
}

const compileTerm = (list: string, term: KeywordList['terms'][number]): CompiledTerm | null => {
  const words = termWords(term.term);
  if (words.length === 0) return null;
  const keys =
    term.match === 'stem'
      ? words.map((w) => [stemWord(w)])
      : term.match === 'fuzzy'
        ? words.map((w) => [w])
        : words.map(termWordVariants);
  return {
    list,
    term: term.term,
    match: term.match,
    words: keys,
    slop: term.match === 'phrase' ? term.slop : 0,
    maxDistance: term.match === 'fuzzy' ? term.maxDistance : 0,
  };
};

const addTo = (index: Map<string, CompiledTerm[]>, key: string, term: CompiledTerm): void => {
  const terms = index.get(key);
  if (terms === undefined) index.set(key, [term]);
  else if (!terms.includes(term)) terms.push(term);
};

const buildSpeakerMatcher = (terms: readonly CompiledTerm[], fuzzy: FuzzyIndex | null) => {
  const byWord = new Map<string, CompiledTerm[]>();
  const byStem = new Map<string, CompiledTerm[]>();
  const byFuzzyWord = new Map<string, CompiledTerm[]>();
  for (const term of terms) {
    const first = term.words[0] ?? [];
    const index = term.match === 'stem' ? byStem : term.match === 'fuzzy' ? byFuzzyWord : byWord;
    for (const key of first) addTo(index, key, term);
  }
  return { byWord, byStem, byFuzzyWord, fuzzy: byFuzzyWord.size > 0 ? fuzzy : null };
};

const appliesTo = (list: KeywordList, speaker: Speaker): boolean =>
  list.speakers.includes(ANY_SPEAKER) || list.speakers.includes(speaker);

// Speakers are free names; a stream could carry many. Past this, matchers are built per
// call of forSpeaker instead of remembered (it stays correct, only slower).
const MAX_REMEMBERED_SPEAKERS = 32;

/**
 * Compiles validated lists once. Disabled lists are left out; a term repeated within a
 * list is kept once.
 */
export const compileMatcher = (lists: readonly KeywordList[]): KeywordMatcher => {
  const enabled = lists.filter((list) => list.enabled);
  const compiled = new Map<KeywordList, CompiledTerm[]>();
  const reach = new Map<string, number>();
  for (const list of enabled) {
    const seen = new Set<string>();
    const terms: CompiledTerm[] = [];
    for (const raw of list.terms) {
      const term = compileTerm(list.name, raw);
      if (term === null) continue;
      const identity = JSON.stringify([term.match, term.words, term.slop, term.maxDistance]);
      if (seen.has(identity)) continue;
      seen.add(identity);
      terms.push(term);
      if (term.match !== 'fuzzy') continue;
      for (const [word] of term.words) {
        if (word !== undefined) reach.set(word, Math.max(reach.get(word) ?? 0, term.maxDistance));
      }
    }
    compiled.set(list, terms);
  }
  const fuzzy = reach.size > 0 ? createFuzzyIndex(reach) : null;
  const termsFor = (speaker: Speaker) =>
    enabled.filter((list) => appliesTo(list, speaker)).flatMap((list) => compiled.get(list) ?? []);
  const bySpeaker = new Map<Speaker, SpeakerMatcher>();
  return {
    forSpeaker: (speaker) => {
      const known = bySpeaker.get(speaker);
      if (known) return known;
      const built = buildSpeakerMatcher(termsFor(speaker), fuzzy);
      if (bySpeaker.size < MAX_REMEMBERED_SPEAKERS) bySpeaker.set(speaker, built);
      return built;
    },
    lists: enabled.map((list) => list.name),
  };
};
