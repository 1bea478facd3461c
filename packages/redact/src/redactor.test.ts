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

// Numbers typed one after another with only a space, comma or full stop between them are
// read as one digit run; each must still be found whole.
describe('createRedactor: adjacent numbers', () => {
  it.each([
    ['123-45-6789, 4111 1111 1111 1111', '[SSN], [CARD_NUMBER]'],
    ['+44 20 7946 0958 123-45-6789 4111 1111 1111 1111', '[PHONE] [SSN] [CARD_NUMBER]'],
    ['4111 1111 1111 1111. 123-45-6789', '[CARD_NUMBER]. [SSN]'],
    ['security code is 737 123-45-6789', 'security code is [CVV] [SSN]'],
    ['GB82 WEST 1234 5698 7654 32 123-45-6789', '[IBAN] [SSN]'],
    ['(415) 555-0132 4111 1111 1111 1111', '[PHONE] [CARD_NUMBER]'],
    ['415 555 0132, 020 7946 0958', '[PHONE], [PHONE]'],
    ['GB82 WEST 1234 5698 7654 32 DE89 3704 0044 0532 0130 00', '[IBAN] [IBAN]'],
    ['123-45-6789 and 4111 1111 1111 1111', '[SSN] and [CARD_NUMBER]'],
  ])('%s', (input, expected) => expect(text(input)).toBe(expected));

  it('still reads a card said after its phrase as one card, valid or not', () => {
    expect(text('my card is 4111 1111 1111 1112 0427')).toBe('my card is [CARD_NUMBER]');
  });

  it('tries an IBAN that starts inside a rejected candidate', () => {
    expect(text('ref AB12 GB82 WEST 1234 5698 7654 32')).toBe('ref AB12 [IBAN]');
  });
});

describe('createRedactor: emails in any script', () => {
  it.each([
    ['zoë@example.com', '[EMAIL]'],
    ['Jürgen.Groß@web.de', '[EMAIL]'],
    ['mail john@müller.de', 'mail [EMAIL]'],
    ['garcía@ejemplo.es', '[EMAIL]'],
    ["o'brien@example.com", '[EMAIL]'],
    ['it is garcía at gmail dot com', 'it is [EMAIL]'],
  ])('%s', (input, expected) => expect(text(input)).toBe(expected));
});

describe('createRedactor: words around an email stay', () => {
  it.each([
    ['email me at john.smith@example.com', 'email me at [EMAIL]'],
    ['email support at help@example.com', 'email support at [EMAIL]'],
    ['I was at home dot com', 'I was at home dot com'],
    ['my email is jane doe at gmail dot com', 'my email is [EMAIL]'],
  ])('%s', (input, expected) => expect(text(input)).toBe(expected));
});

describe('createRedactor: look-alike characters', () => {
  it.each([
    ['en dash', '4111\u20131111\u20131111\u20131111'],
    ['hyphen U+2010', '4111\u20101111\u20101111\u20101111'],
    ['fullwidth hyphen', '4111\uff0d1111\uff0d1111\uff0d1111'],
    ['zero-width space', '4111\u200b1111\u200b1111\u200b1111'],
    [
      'fullwidth digits',
      '\uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11',
    ],
  ])('a card with %s', (_name, card) => {
    const r = redactor.redact(`card: ${card} thanks`);
    expect(r.text).toBe('card: [CARD_NUMBER] thanks');
    expect(r.redactions).toEqual([{ type: 'card_number', start: 6, end: 19 }]);
  });

  it('reads them the same way for operator patterns', () => {
    const custom = createRedactor({ custom: [{ name: 'member_id', pattern: 'M-\\d{6}' }] });
    expect(custom.redact('member M\u2013\uff11\uff12\uff13\uff14\uff15\uff16 here').text).toBe(
      'member [MEMBER_ID] here',
    );
  });
});

describe('createRedactor: international prefix 00', () => {
  it.each([
    ['0044 20 7946 0958', '[PHONE]'],
    ['ring 0049 30 12345678 tomorrow', 'ring [PHONE] tomorrow'],
  ])('%s', (input, expected) => expect(text(input)).toBe(expected));
});

describe('createRedactor: a security code typed digit by digit', () => {
  it.each([
    ['cvv 7 3 7', 'cvv [CVV]'],
    ['security code is 1 2 3', 'security code is [CVV]'],
    ['the cvv is 0 4 2', 'the cvv is [CVV]'],
    ['cvc 1 2 3 4 please', 'cvc [CVV] please'],
  ])('%s', (input, expected) => expect(text(input)).toBe(expected));
});
