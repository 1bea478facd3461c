import { bodyEventId, normalizeWebhook, type CallEvent } from '@callpulse/contracts';
import { createRedactor } from '@callpulse/redact';
import { describe, expect, it } from 'vitest';
import { createEventRedactor } from './redact-event.js';

const call = {
  id: 7,
  from: '+14155550132',
  to: '+14155550199',
  direction: 'inbound',
  source: 'box:1',
};
const flat = { call_id: 7, from: call.from, to: call.to, direction: 'inbound', source: 'box:1' };
const normalize = (body: unknown): CallEvent => {
  const r = normalizeWebhook(body, { eventId: 'e', receivedAt: new Date(0) });
  if (!r.ok) throw new Error('fixture does not normalize');
  return r.value;
};
const fragment = (type: string, transcript: string) =>
  normalize({
    event_type: 'transcript',
    timestamp_utc: 1_760_000_000,
    payload: { call, type, transcript },
  });

const CARD = '4111 1111 1111 1111';

describe('createEventRedactor', () => {
  const redactor = createEventRedactor({ redactor: createRedactor() });

  it('replaces a card number in the fragment and in the raw body, keeping offsets, not values', () => {
    const original = fragment('customer', `my card is ${CARD} thanks`);
    const event = redactor.redact(original);
    if (event.type !== 'transcript') throw new Error('type changed');
    expect(event.transcript.text).toBe('my card is [CARD_NUMBER] thanks');
    expect(event.transcript.redactions).toEqual([{ type: 'card_number', start: 11, end: 24 }]);
    expect(JSON.stringify(event)).not.toContain('1111');
    // The parsed body it came from is left as it was.
    expect(JSON.stringify(original.raw)).toContain(CARD);
  });

  it('catches a card number spoken across two fragments of one speaker', () => {
    const first = redactor.redact(
      fragment('customer', 'my card is four one one one one one one one'),
    );
    const second = redactor.redact(fragment('customer', 'one one one one one one one one'));
    const texts = [first, second].map((e) => (e.type === 'transcript' ? e.transcript.text : ''));
    expect(texts.join(' ')).not.toMatch(/\b(one|four)\b/);
  });

  it('redacts every final-transcript message, in the event and in the raw body', () => {
    const ended = normalize({
      event_type: 'call_ended',
      timestamp_utc: 1_760_000_100,
      payload: {
        ...flat,
        transcript: [
          { type: 'ai', message: 'What is your email?' },
          { type: 'customer', message: 'john dot smith at gmail dot com' },
          { type: 'customer', message: `card ${CARD}, security code is 123` },
        ],
      },
    });
    const event = redactor.redact(ended);
    if (event.type !== 'call_ended') throw new Error('type changed');
    expect(event.finalTranscript.map((e) => e.text)).toEqual([
      'What is your email?',
      '[EMAIL]',
      'card [CARD_NUMBER], security code is [CVV]',
    ]);
    const raw = JSON.stringify(event.raw);
    for (const secret of ['john', 'smith', '1111', '123']) expect(raw).not.toContain(secret);
  });

  it('redacts error messages, fields the provider adds, and unknown event types too', () => {
    const error = redactor.redact(
      normalize({
        event_type: 'error',
        timestamp_utc: 1_760_000_000,
        payload: { call, error_message: 'payment for 4111 1111 1111 1111 failed' },
      }),
    );
    expect(error.type === 'error' && error.error.message).toBe('payment for [CARD_NUMBER] failed');
    const added = redactor.redact(
      normalize({
        event_type: 'transcript',
        timestamp_utc: 1_760_000_000,
        payload: {
          call,
          type: 'customer',
          transcript: 'hi',
          summary: 'email me at a.b@example.org',
        },
      }),
    );
    const unknown = redactor.redact(
      normalize({
        event_type: 'call_recap',
        timestamp_utc: 1_760_000_000,
        payload: { call_id: 7, source: 'box:1', notes: [{ text: `card ${CARD}` }] },
      }),
    );
    for (const event of [error, added, unknown]) {
      const json = JSON.stringify(event);
      for (const secret of ['1111', 'a.b@example.org']) expect(json).not.toContain(secret);
    }
    // Identifiers stay as they were.
    expect(JSON.stringify(added.raw)).toContain('"source":"box:1"');
  });

  it('hashes caller numbers with a key when told, the same number the same way', () => {
    const hashing = createEventRedactor({
      redactor: null,
      callerNumbers: 'hash',
      hashKey: 'a secret of sixteen+',
    });
    const a = hashing.redact(fragment('customer', 'hello'));
    const b = hashing.redact(fragment('ai', 'hi'));
    expect(a.call?.from).toMatch(/^hmac:[0-9a-f]{16}$/);
    expect(a.call?.from).toBe(b.call?.from);
    expect(JSON.stringify(a)).not.toContain('4155550132');
  });

  it('makes ids from bodies that cannot be turned back into the card number', () => {
    const body = {
      event_type: 'transcript',
      timestamp_utc: 1_760_000_000,
      payload: { call, type: 'customer', transcript: `my card is ${CARD}` },
    };
    const plain = bodyEventId(body);
    const id = redactor.eventId(body);
    // Deterministic (a retried delivery is recognised), and not a hash of the original.
    expect(id).toBe(redactor.eventId(structuredClone(body)));
    expect(id).not.toBe(plain);
    expect(id).toBe(
      bodyEventId({
        ...body,
        payload: { ...body.payload, transcript: 'my card is [CARD_NUMBER]' },
      }),
    );
    // Keyed, the id is an HMAC of the body as sent.
    const keyed = createEventRedactor({
      redactor: createRedactor(),
      hashKey: 'a secret of sixteen+',
    });
    expect(keyed.eventId(body)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(keyed.eventId(body)).not.toBe(keyed.eventId({ ...body, timestamp_utc: 1_760_000_001 }));
    // Without anything to redact the id is what it always was.
    const quiet = { ...body, payload: { ...body.payload, transcript: 'hello' } };
    expect(redactor.eventId(quiet)).toBe(bodyEventId(quiet));
  });

  it('changes nothing with redaction off and numbers kept', () => {
    const off = createEventRedactor({ redactor: null });
    const event = fragment('customer', `card ${CARD}`);
    expect(off.redact(event)).toBe(event);
  });
});
