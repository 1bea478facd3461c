import { bodyEventId, type CallEvent, type CallRef } from '@callpulse/contracts';
import { hashCallerNumber, type CarryState, type Redactor } from '@callpulse/redact';

export interface EventRedactor {
  /** The event with personal data replaced in its text and in its raw body. */
  redact(event: CallEvent): CallEvent;
  /**
   * The id of a delivery without an idempotency header, from its body. A plain hash of a
   * body holding a card number would let anyone with the redacted copy find the number by
   * trying candidates, so the id is keyed (REDACT_HASH_KEY) or taken over the body with
   * its transcripts redacted as each fragment alone allows.
   */
  eventId(body: unknown): string;
}

type Json = Record<string, unknown>;

/** Fields that identify a call or an event: never personal data to redact (numbers are metadata). */
const IDENTIFIERS = new Set([
  'event_type',
  'source',
  'call_id',
  'id',
  'from',
  'to',
  'direction',
  'type',
  'timestamp_utc',
  'utc_timestamp',
  'is_test',
]);

const asObject = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;

/** Carries per call, in memory only (they hold raw digits), the least recently used go. */
const createCarries = (max: number) => {
  const carries = new Map<string, CarryState>();
  return {
    get: (call: string): CarryState | undefined => carries.get(call),
    set: (call: string, carry: CarryState): void => {
      carries.delete(call);
      if (Object.keys(carry).length === 0) return;
      carries.set(call, carry);
      for (const [oldest] of carries) {
        if (carries.size <= max) break;
        carries.delete(oldest);
      }
    },
    end: (call: string): void => void carries.delete(call),
  };
};

/**
 * Redacts a normalized event before it is published: transcript text and final-transcript
 * messages, in the event and in the raw body kept for audit, so no topic, table, log or
 * alert downstream holds the original. A number split over two consecutive fragments of
 * one speaker is caught through a carry kept per call in this process (a call whose
 * fragments reach different ingest instances loses that look-back). With `callerNumbers:
 * 'hash'`, `from`/`to` become keyed hashes, so calls from one number still group.
 */
export const createEventRedactor = ({
  redactor,
  callerNumbers = 'keep',
  hashKey = '',
  maxCalls = 50_000, // calls whose last fragment's trailing digits are remembered
}: {
  redactor: Redactor | null;
  callerNumbers?: 'keep' | 'hash';
  hashKey?: string;
  maxCalls?: number;
}): EventRedactor => {
  const carries = createCarries(maxCalls);
  const hash = (n: string | null): string | null =>
    n === null || n === '' ? n : hashCallerNumber(n, hashKey);
  const hashCall = (call: CallRef): CallRef => ({
    ...call,
    from: hash(call.from),
    to: hash(call.to),
  });
  const hashRawNumbers = (raw: Json): void => {
    const payload = asObject(raw.payload);
    for (const holder of [payload, asObject(payload?.call)]) {
      if (!holder) continue;
      for (const field of ['from', 'to']) {
        if (typeof holder[field] === 'string') holder[field] = hash(holder[field]);
      }
    }
  };

  /** Transcript fields redacted fragment by fragment, with no carry: the same every time. */
  const redactBody = (body: unknown): unknown => {
    if (!redactor) return body;
    const copy = asObject(structuredClone(body));
    const payload = asObject(copy?.payload);
    if (!payload) return body;
    const speakerOf = (v: unknown) => (typeof v === 'string' ? v : 'customer');
    if (typeof payload.transcript === 'string') {
      payload.transcript = redactor.redact(payload.transcript, {
        speaker: speakerOf(payload.type),
      }).text;
    } else if (Array.isArray(payload.transcript)) {
      for (const item of payload.transcript) {
        const entry = asObject(item);
        if (entry && typeof entry.message === 'string') {
          entry.message = redactor.redact(entry.message, { speaker: speakerOf(entry.type) }).text;
        }
      }
    }
    return copy;
  };

  /**
   * Every other string of the raw body (an error message, a field the provider adds, an
   * event type we do not know yet), redacted on its own: nothing the provider sends
   * reaches Kafka in the clear because we did not know to look there.
   */
  const redactOtherStrings = (value: unknown, key: string): unknown => {
    if (!redactor || IDENTIFIERS.has(key)) return value;
    if (typeof value === 'string') return value === '' ? value : redactor.redact(value).text;
    if (Array.isArray(value)) return value.map((v) => redactOtherStrings(v, ''));
    const object = asObject(value);
    if (!object) return value;
    for (const [k, v] of Object.entries(object)) object[k] = redactOtherStrings(v, k);
    return object;
  };

  /** The raw body's strings outside the transcript, which was redacted with its carry. */
  const redactOthers = (raw: Json | null, payload: Json | null): void => {
    if (!raw) return;
    for (const [k, v] of Object.entries(raw))
      if (k !== 'payload') raw[k] = redactOtherStrings(v, k);
    if (!payload) return;
    for (const [k, v] of Object.entries(payload)) {
      if (k !== 'transcript') payload[k] = redactOtherStrings(v, k);
    }
  };

  return {
    eventId: (body) => (hashKey ? bodyEventId(body, hashKey) : bodyEventId(redactBody(body))),
    redact(event) {
      if (!redactor && callerNumbers === 'keep') return event;
      // A deep copy: the parsed body is not ours to change, and stays out of the event.
      const raw = asObject(structuredClone(event.raw));
      let next: CallEvent = { ...event, raw };
      if (callerNumbers === 'hash') {
        if (next.call) next = { ...next, call: hashCall(next.call) };
        if (raw) hashRawNumbers(raw);
      }
      if (!redactor) return next;
      if (!event.call || (next.type !== 'transcript' && next.type !== 'call_ended')) {
        if (raw) redactOtherStrings(raw, '');
        if (next.type === 'error') {
          return { ...next, error: { message: redactor.redact(next.error.message).text } };
        }
        return next;
      }
      const callKey = `${event.call.source}/${event.call.callId}`;
      const payload = asObject(raw?.payload);
      if (next.type === 'transcript') {
        const r = redactor.redact(next.transcript.text, {
          speaker: next.transcript.speaker,
          carry: carries.get(callKey) ?? {},
        });
        carries.set(callKey, r.carry);
        if (payload && typeof payload.transcript === 'string') payload.transcript = r.text;
        redactOthers(raw, payload);
        return {
          ...next,
          transcript: { ...next.transcript, text: r.text, redactions: r.redactions },
        };
      }
      if (next.type === 'call_ended') {
        carries.end(callKey);
        let carry: CarryState = {};
        const entries = Array.isArray(payload?.transcript) ? payload.transcript : [];
        const finalTranscript = next.finalTranscript.map((entry, i) => {
          const r = redactor.redact(entry.text, { speaker: entry.speaker, carry });
          carry = r.carry;
          const rawEntry = asObject(entries[i]);
          if (rawEntry && typeof rawEntry.message === 'string') rawEntry.message = r.text;
          return { ...entry, text: r.text, redactions: r.redactions };
        });
        redactOthers(raw, payload);
        return { ...next, finalTranscript };
      }
      return next;
    },
  };
};
