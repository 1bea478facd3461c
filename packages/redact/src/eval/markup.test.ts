import { describe, expect, it } from 'vitest';
import { parseMarkup } from './markup.js';

describe('parseMarkup', () => {
  it('turns inline annotations into offsets of the plain text', () => {
    const u = parseMarkup('card {card_number|4111 1111} and {cvv|123}', 'a');
    expect(u.text).toBe('card 4111 1111 and 123');
    expect(u.spans).toEqual([
      { type: 'card_number', start: 5, end: 14 },
      { type: 'cvv', start: 19, end: 22 },
    ]);
  });

  it('reads the group and speaker prefix of a split fragment', () => {
    expect(parseMarkup('@x1/customer one two', 'b')).toMatchObject({
      text: 'one two',
      group: 'x1',
      speaker: 'customer',
    });
  });
});
