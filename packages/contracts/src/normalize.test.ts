import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callKey } from './call-event.js';
import { bodyEventId } from './canonical.js';
import { decodeCallEvent, encodeCallEvent } from './codec.js';
import { normalizeWebhook } from './normalize.js';

const fixtures = new URL('../../../test/fixtures/provider-examples/', import.meta.url);
const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), 'utf8')) as Record<string, unknown>;
const ctx = { eventId: 'evt-1', receivedAt: new Date('2026-01-01T00:00:00Z') };

describe('normalizeWebhook', () => {
  it.each(readdirSync(fixtures).map((f) => f.replace('.json', '')))(
    'normalizes the provider example %s and round-trips it through the codec',
    (name) => {
      const result = normalizeWebhook(example(name), ctx);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const event = result.value;
      expect(event.type).toBe(name);
      expect(event.call).toMatchObject({ source: 'salprebox:SALPRE_AABBCCDD', callId: '1' });
      expect(event.isTest).toBe(true);
      expect(callKey(event)).toBe('salprebox:SALPRE_AABBCCDD/1');
      expect(decodeCallEvent(Buffer.from(encodeCallEvent(event)))).toEqual({
        ok: true,
        value: event,
      });
    },
  );

  it('converts Unix seconds once, to ISO time', () => {
    const result = normalizeWebhook(example('call_initiated'), ctx);
    expect(result.ok && result.value.occurredAt).toBe('2025-10-10T08:21:45.000Z');
  });

  it('reads the type-specific data of transcript, call_ended and error', () => {
    const t = normalizeWebhook(example('transcript'), ctx);
    expect(t.ok && t.value.type === 'transcript' && t.value.transcript).toEqual({
      speaker: 'customer',
      text: 'Hello, how are you?',
      timestamp: '111111',
    });
    const e = normalizeWebhook(example('call_ended'), ctx);
    expect(e.ok && e.value.type === 'call_ended' && e.value.finalTranscript).toEqual([
      { speaker: 'ai', text: 'Greeting message', timestamp: null },
      { speaker: 'customer', text: 'customer message 1', timestamp: '111111' },
      { speaker: 'ai', text: 'Ai response 1', timestamp: '111111' },
    ]);
    const r = normalizeWebhook(example('error'), ctx);
    expect(r.ok && r.value.type === 'error' && r.value.error.message).toBe('Error message');
  });

  it('tolerates fields the provider adds and keeps them in the raw body', () => {
    const body = { ...example('call_answered'), region: 'eu', extra: { a: 1 } };
    const result = normalizeWebhook(body, ctx);
    expect(result.ok && result.value.raw).toEqual(body);
  });

  it('names every bad field of a known event type', () => {
    const body = example('transcript') as { payload: Record<string, unknown> };
    body.payload.type = '';
    body.payload.transcript = 42;
    const result = normalizeWebhook(body, ctx);
    expect(result.ok).toBe(false);
    if (result.ok || result.error.kind !== 'invalid_fields')
      throw new Error('expected field errors');
    expect(result.error.fields.map((f) => f.field).sort()).toEqual([
      'payload.transcript',
      'payload.type',
    ]);
  });

  it('accepts a speaker the provider has not documented yet, and keeps its name', () => {
    const body = example('transcript') as { payload: Record<string, unknown> };
    body.payload.type = 'agent';
    const result = normalizeWebhook(body, ctx);
    expect(result.ok && result.value.type === 'transcript' && result.value.transcript.speaker).toBe(
      'agent',
    );
  });

  it('rejects a timestamp that is not a time', () => {
    const result = normalizeWebhook({ ...example('call_ringing'), timestamp_utc: 1e300 }, ctx);
    expect(result.ok).toBe(false);
  });

  it('accepts an unknown event type and keeps its call identity when it has one', () => {
    const body = {
      event_type: 'call_transferred',
      timestamp_utc: 1760084600,
      payload: { call_id: 7, source: 's' },
    };
    const result = normalizeWebhook(body, ctx);
    expect(result.ok && result.value).toMatchObject({
      type: 'unknown',
      providerEventType: 'call_transferred',
      call: { source: 's', callId: '7' },
    });
  });

  it('rejects bodies that are not an object or carry no event type', () => {
    expect(normalizeWebhook([1, 2], ctx)).toEqual({ ok: false, error: { kind: 'not_an_object' } });
    expect(normalizeWebhook({ payload: {} }, ctx)).toEqual({
      ok: false,
      error: { kind: 'missing_event_type' },
    });
  });
});

describe('bodyEventId', () => {
  it('is the same for the same body whatever the key order', () => {
    expect(bodyEventId({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(
      bodyEventId({ b: { d: [1, 2], c: 2 }, a: 1 }),
    );
    expect(bodyEventId({ a: 1 })).not.toBe(bodyEventId({ a: 2 }));
  });
});

describe('decodeCallEvent', () => {
  it('refuses unknown versions and garbage with a reason', () => {
    expect(decodeCallEvent('{"v":99,"event":{}}')).toEqual({
      ok: false,
      error: 'unsupported message version 99 (expected 1)',
    });
    expect(decodeCallEvent('nope').ok).toBe(false);
    expect(decodeCallEvent(null).ok).toBe(false);
  });
});
