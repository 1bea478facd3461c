import { describe, expect, it } from 'vitest';
import { BREAK, tokenize } from './tokenize.js';

const norms = (text: string) => tokenize(text).tokens.map((t) => t.norm);

describe('tokenize', () => {
  it('gives words with offsets into the original text', () => {
    const text = '  Hello, wörld!  ';
    const { tokens } = tokenize(text);
    expect(tokens.map((t) => [t.raw, t.start, t.end])).toEqual([
      ['Hello', 2, 7],
      ['wörld', 9, 14],
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });

  it('keeps contractions and possessives whole, with any apostrophe', () => {
    expect(norms("I can't, it isn’t Bob's")).toEqual(['i', "can't", 'it', "isn't", "bob's"]);
  });

  it('restores the apostrophe of contractions written without one', () => {
    expect(norms('i cant it doesnt')).toEqual(['i', "can't", 'it', "doesn't"]);
  });

  it('does not glue a quote or trailing apostrophe to a word', () => {
    expect(norms("'quoted' customers' bills")).toEqual(['quoted', 'customers', 'bills']);
  });

  it('records clause and sentence breaks before each token', () => {
    const breaks = tokenize('No, it works. Really - wi-fi').tokens.map((t) => t.breakBefore);
    expect(breaks).toEqual([
      BREAK.none,
      BREAK.clause,
      BREAK.none,
      BREAK.sentence,
      BREAK.clause,
      BREAK.none,
    ]);
  });

  it('counts exclamation marks', () => {
    expect(tokenize('Yes!! It works!').exclamations).toBe(3);
  });

  it('keeps emoticons as tokens but not inside URLs or words', () => {
    expect(norms('great :) see http://x.io/a :Dear <3')).toEqual([
      'great',
      ':)',
      'see',
      'http',
      'x',
      'io',
      'a',
      'dear',
      '<3',
    ]);
  });

  it('treats emoji as separators and keeps letters of any script', () => {
    expect(norms('ok👍thanks Привет 電話')).toEqual(['ok', 'thanks', 'привет', '電話']);
  });

  it('survives lone surrogates and control characters', () => {
    expect(norms('a\uD800b\u0000c')).toEqual(['a', 'b', 'c']);
  });

  it('handles 50 KB of text in one pass', () => {
    const text = 'word '.repeat(10_000);
    expect(tokenize(text).tokens).toHaveLength(10_000);
    expect(tokenize('x'.repeat(50_000)).tokens).toHaveLength(1);
  });
});
