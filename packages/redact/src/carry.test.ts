import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

const redactor = createRedactor();

describe('cross-fragment card numbers', () => {
  it('redacts both halves of a card split over two fragments of one speaker', () => {
    const first = redactor.redact('my card is four one one one one one one one', {
      speaker: 'customer',
    });
    expect(first.text).toBe('my card is [CARD_NUMBER]');
    const second = redactor.redact('one one one one one one one one', {
      speaker: 'customer',
      carry: first.carry,
    });
    expect(second.text).toBe('[CARD_NUMBER]');
    expect(second.carry).toEqual({}); // the card is complete: nothing left to carry
  });

  it('completes a card whose first half had no card phrase when the join passes Luhn', () => {
    const first = redactor.redact('ok 4111 1111', { speaker: 'c' });
    expect(first.text).toBe('ok 4111 1111'); // eight digits alone are not a card
    const second = redactor.redact('1111 1111 thanks', { speaker: 'c', carry: first.carry });
    expect(second.text).toBe('[CARD_NUMBER] thanks');
  });

  it('keeps carry per speaker, and JSON-round-trips it', () => {
    const first = redactor.redact('my card is 4111 1111', { speaker: 'customer' });
    const agent = redactor.redact('go on', { speaker: 'agent', carry: first.carry });
    const carry = JSON.parse(JSON.stringify(agent.carry)) as typeof agent.carry;
    const second = redactor.redact('1111 1111', { speaker: 'customer', carry });
    expect(second.text).toBe('[CARD_NUMBER]');
    const other = redactor.redact('1111 1111', { speaker: 'agent', carry });
    expect(other.text).toBe('1111 1111');
  });

  it('does not join digits that do not open the next fragment', () => {
    const first = redactor.redact('ok 4111 1111', { speaker: 'c' });
    expect(redactor.redact('I said 1111 1111', { speaker: 'c', carry: first.carry }).text).toBe(
      'I said 1111 1111',
    );
  });

  it('reads the numbers after the rest of a card in the same run', () => {
    const first = redactor.redact('my card is 4111 1111', { speaker: 'c' });
    const second = redactor.redact('1111 1111, 123-45-6789', { speaker: 'c', carry: first.carry });
    expect(second.text).toBe('[CARD_NUMBER], [SSN]');
  });

  it('carries nothing when lookBack is 0', () => {
    const off = createRedactor({ lookBack: 0 });
    expect(off.redact('my card is 4111 1111', { speaker: 'c' }).carry).toEqual({});
  });
});
