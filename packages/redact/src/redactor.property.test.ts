import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid } from './checksums/luhn.js';
import { createRedactor } from './redactor.js';
import { tokenFor } from './tokens.js';

const redactor = createRedactor();
const words = [
  'my',
  'card',
  'is',
  'and',
  'the',
  'one',
  'four',
  'oh',
  'double',
  'call',
  ' ',
  '-',
  ', ',
];

// Text built from words, digit groups and whole Luhn-valid cards in typed form.
const fragment = fc.oneof(
  fc.constantFrom(...words),
  fc.stringMatching(/^\d{1,5}$/),
  fc.constantFrom('4111111111111111', '5555 5555 5555 4444', '3782-822463-10005'),
);
const utterance = fc.array(fragment, { maxLength: 24 }).map((parts) => parts.join(' '));

const isCard = (digits: string) => digits.length >= 13 && digits.length <= 19 && luhnValid(digits);

/**
 * A card as a caller would give it: a whole run of digits, contiguous or in groups
 * joined by the separators people use. (Windows starting mid-group are not cards:
 * see numbers.ts.)
 */
const leavesCard = (text: string): boolean =>
  (text.match(/\d+(?:[\s,.\-()]+\d+)*/g) ?? []).some(
    (run) => isCard(run.replace(/\D/g, '')) || (run.match(/\d+/g) ?? []).some(isCard),
  );

describe('redact properties', () => {
  it('never leaves a Luhn-valid 13-19 digit run, and offsets point at tokens', () => {
    fc.assert(
      fc.property(utterance, (input) => {
        const { text, redactions } = redactor.redact(input);
        expect(leavesCard(text)).toBe(false);
        let last = 0;
        for (const r of redactions) {
          expect(r.start).toBeGreaterThanOrEqual(last);
          expect(text.slice(r.start, r.end)).toBe(tokenFor(r.type));
          last = r.end;
        }
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});

// Valid numbers of every kind, typed one after another with only a space, comma or full
// stop between them, so they form one digit run.
const ITEMS: readonly [string, string][] = [
  ['4111 1111 1111 1111', '[CARD_NUMBER]'],
  ['5555-5555-5555-4444', '[CARD_NUMBER]'],
  ['378282246310005', '[CARD_NUMBER]'],
  ['6011 1111 1111 1117', '[CARD_NUMBER]'],
  ['123-45-6789', '[SSN]'],
  ['078-05-1120', '[SSN]'],
  ['219 09 9999', '[SSN]'],
  ['(415) 555-0132', '[PHONE]'],
  ['415 555 0132', '[PHONE]'],
  ['+44 20 7946 0958', '[PHONE]'],
  ['020 7946 0958', '[PHONE]'],
  ['+1 212 555 0147', '[PHONE]'],
  ['0049 30 12345678', '[PHONE]'],
  ['GB82 WEST 1234 5698 7654 32', '[IBAN]'],
  ['DE89 3704 0044 0532 0130 00', '[IBAN]'],
  ['GB82WEST12345698765432', '[IBAN]'],
];
const adjacent = (maxLength: number) =>
  fc.array(
    fc.record({ item: fc.constantFrom(...ITEMS), separator: fc.constantFrom(' ', ', ', '. ') }),
    { minLength: 1, maxLength },
  );
type Part = { item: readonly [string, string]; separator: string };
const join = (parts: Part[], pick: (item: readonly [string, string]) => string) =>
  parts.map(({ item, separator }) => pick(item) + separator).join('');

describe('redact properties: adjacent numbers', () => {
  it('hides each of up to three adjacent numbers as its own token', () => {
    fc.assert(
      fc.property(adjacent(3), (parts) => {
        const { text } = redactor.redact(join(parts, ([value]) => value));
        expect(text).toBe(join(parts, ([, token]) => token));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  // In a longer row of numbers separated by spaces only, the permissive phone shapes (any
  // ten digits) can cut it another way that also passes every check; nothing may show.
  it('leaves no letter or digit of a longer row of adjacent numbers', () => {
    fc.assert(
      fc.property(adjacent(8), (parts) => {
        const { text } = redactor.redact(join(parts, ([value]) => value));
        expect(text.replace(/\[[A-Z_]+\]/g, '')).not.toMatch(/[a-z0-9]/i);
      }),
      { numRuns: 3000, seed: 14 },
    );
  });
});
