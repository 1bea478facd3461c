import { describe, expect, it } from 'vitest';
import { stemWord } from '../text/stem.js';
import { compileMatcher } from './compile-matcher.js';
import { keywordListSchema, type KeywordListInput } from './schema.js';

const list = (input: KeywordListInput) => keywordListSchema.parse(input);

describe('compileMatcher', () => {
  it('indexes exact, phrase and stem terms in Maps by first word, so lookup cost is flat', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`);
    const matcher = compileMatcher([
      list({ name: 'exact', terms: words.map((term) => ({ term, match: 'exact' as const })) }),
      list({
        name: 'stems',
        terms: words.map((term) => ({ term: `${term}ing`, match: 'stem' as const })),
      }),
    ]);
    const { byWord, byStem } = matcher.forSpeaker('customer');
    expect(byWord).toBeInstanceOf(Map);
    expect(byStem).toBeInstanceOf(Map);
    expect(byWord.size).toBe(1000);
    // A token reaches only the terms filed under its own key: one Map.get, not a scan.
    expect(byWord.get('word500')?.map((t) => t.term)).toEqual(['word500']);
    expect(byStem.size).toBe(new Set(words.map((w) => stemWord(`${w}ing`))).size);
    for (const term of byStem.get(stemWord('word500ing')) ?? []) {
      expect(stemWord(term.term)).toBe(stemWord('word500ing'));
    }
    expect(matcher.forSpeaker('customer').fuzzy).toBeNull();
  });

  it('files phrases under their first word and fuzzy terms apart', () => {
    const matcher = compileMatcher([
      list({
        name: 'mixed',
        terms: [
          { term: 'switch provider', match: 'phrase', slop: 1 },
          { term: 'overcharged', match: 'fuzzy' },
        ],
      }),
    ]);
    expect([...matcher.forSpeaker('ai').byWord.keys()]).toEqual(['switch']);
    expect([...matcher.forSpeaker('ai').byFuzzyWord.keys()]).toEqual(['overcharged']);
    expect(matcher.forSpeaker('ai').fuzzy).not.toBeNull();
  });

  it('leaves out disabled lists and lists for the other speaker', () => {
    const matcher = compileMatcher([
      list({ name: 'off', enabled: false, terms: [{ term: 'cancel', match: 'exact' }] }),
      list({
        name: 'callers',
        speakers: ['customer'],
        terms: [{ term: 'refund', match: 'exact' }],
      }),
      list({ name: 'agents', speakers: ['ai'], terms: [{ term: 'apologise', match: 'exact' }] }),
      list({ name: 'both', terms: [{ term: 'manager', match: 'exact' }] }),
    ]);
    expect(matcher.lists).toEqual(['callers', 'agents', 'both']);
    expect([...matcher.forSpeaker('customer').byWord.keys()]).toEqual(['refund', 'manager']);
    expect([...matcher.forSpeaker('ai').byWord.keys()]).toEqual(['apologise', 'manager']);
    // A speaker no list names gets the lists for "any" only.
    expect([...matcher.forSpeaker('agent').byWord.keys()]).toEqual(['manager']);
  });

  it('matches lists that name a new kind of speaker', () => {
    const matcher = compileMatcher([
      list({ name: 'handover', speakers: ['agent'], terms: [{ term: 'escalate', match: 'stem' }] }),
    ]);
    expect([...matcher.forSpeaker('agent').byStem.keys()]).toEqual(['escal']);
    expect(matcher.forSpeaker('customer').byStem.size).toBe(0);
  });

  it('keeps a term repeated within a list once', () => {
    const matcher = compileMatcher([
      list({
        name: 'dup',
        terms: [
          { term: 'Cancel', match: 'exact' },
          { term: 'cancel', match: 'exact' },
          { term: 'cancel', match: 'stem' },
        ],
      }),
    ]);
    expect(matcher.forSpeaker('customer').byWord.get('cancel')).toHaveLength(1);
    expect(matcher.forSpeaker('customer').byStem.get('cancel')).toHaveLength(1);
  });
});
