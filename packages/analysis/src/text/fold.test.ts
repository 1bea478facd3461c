import { describe, expect, it } from 'vitest';
import { foldWord } from './fold.js';

describe('foldWord', () => {
  it('lower-cases and strips accents', () => {
    expect(foldWord('Café')).toBe('cafe');
    expect(foldWord('NAÏVE')).toBe('naive');
    expect(foldWord('Zoë')).toBe('zoe');
  });

  it('straightens curly and modifier apostrophes', () => {
    expect(foldWord('Can’t')).toBe("can't");
    expect(foldWord('isnʼt')).toBe("isn't");
  });

  it('folds compatibility forms such as full-width letters', () => {
    expect(foldWord('ＣＡＮＣＥＬ')).toBe('cancel');
  });

  it('leaves other scripts as lower-case words', () => {
    expect(foldWord('Привет')).toBe('привет');
    expect(foldWord('電話')).toBe('電話');
  });
});
