import { describe, expect, it } from 'vitest';
import { asJson, copyField } from './copy-rows.js';

describe('copyField (COPY text format)', () => {
  it('escapes the characters COPY treats specially and nothing else', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('"quoted", é 😀')).toBe('"quoted", é 😀');
  });

  it('keeps a literal \\N distinct from null', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
  });

  it('writes booleans and numbers as Postgres reads them', () => {
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(-0.125)).toBe('-0.125');
    expect(copyField(1e-7)).toBe('1e-7');
  });

  it('sends JSON text, with an absent value as null', () => {
    expect(asJson({ a: 'x\ty' })).toBe('{"a":"x\\ty"}');
    expect(copyField(asJson({ a: 'x\ny' }))).toBe('{"a":"x\\\\ny"}');
    expect(asJson(undefined)).toBeNull();
    expect(asJson(null)).toBe('null');
  });
});
