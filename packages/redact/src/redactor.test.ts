import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

const redactor = createRedactor();
const text = (input: string) => redactor.redact(input).text;

describe('createRedactor: each type', () => {
  it.each([
    ['my card number is 4111 1111 1111 1111', 'my card number is [CARD_NUMBER]'],
    ['charge 5555-5555-5555-4444 please', 'charge [CARD_NUMBER] please'],
    ['security code is 737', 'security code is [CVV]'],
    ['it expires 04/27', 'it expires [EXPIRY]'],
    ['my ssn is 123-45-6789', 'my ssn is [SSN]'],
    ['IBAN GB82 WEST 1234 5698 7654 32 ok', 'IBAN [IBAN] ok'],
    ['mail j.smith@gmail.com now', 'mail [EMAIL] now'],
    ['call me on (415) 555-0132', 'call me on [PHONE]'],
    ['call +44 20 7946 0958', 'call [PHONE]'],
    ['my date of birth is 03/12/1985', 'my date of birth is [DATE_OF_BIRTH]'],
  ])('%s', (input, expected) => expect(text(input)).toBe(expected));
});

describe('createRedactor: spoken forms', () => {
  it.each([
    ['four one one one one one one one one one one one one one one one', '[CARD_NUMBER]'],
    [
      'card is four double one one, triple one one, one one one one, one one one one',
      'card is [CARD_NUMBER]',
    ],
    ['it expires oh four twenty seven', 'it expires [EXPIRY]'],
    ['the cvv is seven three seven', 'the cvv is [CVV]'],
    ['my social is one two three four five six seven eight nine', 'my social is [SSN]'],
    ['it is john dot smith at gmail dot com', 'it is [EMAIL]'],
    ['four one five, five five five, oh one three two', '[PHONE]'],
    ['born on the twelfth of March nineteen eighty five', 'born on the [DATE_OF_BIRTH]'],
  ])('%s', (input, expected) => expect(text(input)).toBe(expected));
});

describe('createRedactor: look-alikes stay', () => {
  it.each([
    'my order number is 4111 1111 1111 1111',
    'it was two hundred dollars',
    'can you call me at four thirty',
    'there are one or two things',
    'I have been a customer since 2015',
    'oh I see',
    'I was born in Ohio',
    'the meeting is at 10:30',
    'I looked at yahoo answers',
    'policy number 7748812345',
  ])('%s', (input) => expect(text(input)).toBe(input));
});

describe('createRedactor: output', () => {
  it('returns token offsets in the output and never the values', () => {
    const r = redactor.redact('card 4111111111111111, email a.b@gmail.com');
    expect(r.text).toBe('card [CARD_NUMBER], email [EMAIL]');
    for (const { type, start, end } of r.redactions)
      expect(r.text.slice(start, end)).toBe(type === 'email' ? '[EMAIL]' : '[CARD_NUMBER]');
    expect(JSON.stringify(r)).not.toContain('4111');
  });

  it('redacts only the chosen types', () => {
    const only = createRedactor({ types: ['email'] });
    expect(only.redact('card 4111111111111111, a@b.io').text).toBe(
      'card 4111111111111111, [EMAIL]',
    );
  });

  it('adds operator patterns as upper-case tokens', () => {
    const custom = createRedactor({ custom: [{ name: 'member_id', pattern: 'M-\\d{6}' }] });
    expect(custom.redact('member M-123456 here').redactions).toEqual([
      { type: 'member_id', start: 7, end: 18 },
    ]);
    expect(custom.redact('member M-123456 here').text).toBe('member [MEMBER_ID] here');
  });

  it('rejects a bad custom regex with a clear error', () => {
    expect(() => createRedactor({ custom: [{ name: 'x', pattern: '([' }] })).toThrow(
      /custom pattern 1 \("x"\): invalid regular expression/,
    );
  });

  it('rejects unknown types', () => {
    expect(() => createRedactor({ types: ['cards' as never] })).toThrow(/unknown types: cards/);
  });
});
