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
 * see cardWindows.)
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
