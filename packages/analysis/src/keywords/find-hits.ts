import { stemWord } from '../text/stem.js';
import type { Token } from '../text/tokenize.js';
import type { KeywordHit, Speaker } from '../types.js';
import type { CompiledTerm, SpeakerMatcher } from './compile-matcher.js';
import type { NearWords } from './fuzzy-index.js';

/** What each token offers to the terms: its spellings, and stem and fuzzy neighbours when asked. */
interface TokenView {
  word: string;
  /** The word without a possessive "'s", if it had one. */
  base: string | undefined;
  stem: string | undefined;
  near: NearWords | undefined;
}

const view = (matcher: SpeakerMatcher, token: Token): TokenView => {
  const word = token.norm;
  const base = word.length > 2 && word.endsWith("'s") ? word.slice(0, -2) : undefined;
  return {
    word,
    base,
    stem: matcher.byStem.size > 0 ? stemWord(word) : undefined,
    near: matcher.fuzzy?.near(base ?? word),
  };
};

const spells = (keys: readonly string[] | undefined, t: TokenView): boolean =>
  keys !== undefined && (keys.includes(t.word) || (t.base !== undefined && keys.includes(t.base)));

/** The index of the token ending a match of `term` starting at `start`, or -1. */
const matchEnd = (term: CompiledTerm, views: readonly TokenView[], start: number): number => {
  const { words } = term;
  switch (term.match) {
    case 'exact':
    case 'phrase': {
      // Earliest occurrence of each next word: it leaves the most slop for the rest.
      let at = start;
      let slop = term.slop;
      for (let k = 1; k < words.length; k++) {
        let found = -1;
        for (let j = at + 1; j <= at + 1 + slop && j < views.length; j++) {
          if (spells(words[k], views[j] as TokenView)) {
            found = j;
            break;
          }
        }
        if (found < 0) return -1;
        slop -= found - at - 1;
        at = found;
      }
      return at;
    }
    case 'stem': {
      if (start + words.length > views.length) return -1;
      for (let k = 1; k < words.length; k++) {
        if ((views[start + k] as TokenView).stem !== words[k]?.[0]) return -1;
      }
      return start + words.length - 1;
    }
    case 'fuzzy': {
      if (start + words.length > views.length) return -1;
      let distance = 0;
      for (let k = 0; k < words.length; k++) {
        const d = (views[start + k] as TokenView).near?.get(words[k]?.[0] ?? '');
        if (d === undefined) return -1;
        distance += d;
      }
      return distance <= term.maxDistance ? start + words.length - 1 : -1;
    }
  }
};

const startsAny = (matcher: SpeakerMatcher, tokens: readonly Token[]): boolean =>
  tokens.some((token) => {
    const word = token.norm;
    if (matcher.byWord.has(word)) return true;
    return word.length > 2 && word.endsWith("'s") && matcher.byWord.has(word.slice(0, -2));
  });

/**
 * Every hit of the matcher's terms in the tokens of `text`, in text order. Offsets are
 * those of the original text: `text.slice(hit.start, hit.end) === hit.matchedText`.
 */
export const findHits = (
  matcher: SpeakerMatcher,
  tokens: readonly Token[],
  text: string,
  speaker: Speaker,
): KeywordHit[] => {
  const hits: KeywordHit[] = [];
  if (
    tokens.length === 0 ||
    (matcher.byWord.size === 0 && matcher.byStem.size === 0 && matcher.fuzzy === null)
  ) {
    return hits;
  }
  // Exact and phrase terms only: most utterances start none of them, and say so cheaply.
  if (matcher.byStem.size === 0 && matcher.fuzzy === null && !startsAny(matcher, tokens)) {
    return hits;
  }
  const views = tokens.map((token) => view(matcher, token));
  const tried = new Set<CompiledTerm>();
  const tryTerms = (terms: readonly CompiledTerm[] | undefined, start: number): void => {
    if (terms === undefined) return;
    for (const term of terms) {
      if (tried.has(term)) continue;
      tried.add(term);
      const last = matchEnd(term, views, start);
      if (last < 0) continue;
      const from = (tokens[start] as Token).start;
      const to = (tokens[last] as Token).end;
      hits.push({
        list: term.list,
        term: term.term,
        match: term.match,
        matchedText: text.slice(from, to),
        start: from,
        end: to,
        speaker,
      });
    }
  };
  for (let i = 0; i < views.length; i++) {
    const t = views[i] as TokenView;
    tried.clear();
    tryTerms(matcher.byWord.get(t.word), i);
    if (t.base !== undefined) tryTerms(matcher.byWord.get(t.base), i);
    if (t.stem !== undefined) tryTerms(matcher.byStem.get(t.stem), i);
    if (t.near !== undefined)
      for (const word of t.near.keys()) tryTerms(matcher.byFuzzyWord.get(word), i);
  }
  return hits;
};
