import type { CallEvent, CallRef } from './call-event.js';
import { fieldErrors, type FieldError } from './field-errors.js';
import { isKnownEventType, providerWebhookSchema, type ProviderWebhook } from './provider.js';
import { err, ok, type Result } from './result.js';

export type NormalizeError =
  | { kind: 'not_an_object' }
  | { kind: 'missing_event_type' }
  | { kind: 'invalid_fields'; eventType: string; fields: FieldError[] };

export interface NormalizeContext {
  eventId: string;
  receivedAt: Date;
}

const toIso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

/**
 * Validates a parsed webhook body and turns it into the one call event everything
 * downstream reads. Pure: the event id and receive time come from the caller.
 */
export const normalizeWebhook = (
  body: unknown,
  { eventId, receivedAt }: NormalizeContext,
): Result<CallEvent, NormalizeError> => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return err({ kind: 'not_an_object' });
  }
  const eventType = (body as { event_type?: unknown }).event_type;
  if (typeof eventType !== 'string' || eventType.trim() === '') {
    return err({ kind: 'missing_event_type' });
  }
  const base = { eventId, receivedAt: receivedAt.toISOString(), raw: body };
  if (!isKnownEventType(eventType)) return ok(normalizeUnknown(body, eventType, base));

  const parsed = providerWebhookSchema.safeParse(body);
  if (!parsed.success) {
    return err({ kind: 'invalid_fields', eventType, fields: fieldErrors(parsed.error.issues) });
  }
  return ok(fromProvider(parsed.data, base));
};

type Base = { eventId: string; receivedAt: string; raw: unknown };

const fromProvider = (hook: ProviderWebhook, base: Base): CallEvent => {
  const common = { ...base, occurredAt: toIso(hook.timestamp_utc), isTest: hook.is_test };
  switch (hook.event_type) {
    case 'call_initiated':
    case 'call_ringing':
    case 'call_answered':
      return { ...common, type: hook.event_type, call: flatCall(hook.payload) };
    case 'call_ended':
      return {
        ...common,
        type: 'call_ended',
        call: flatCall(hook.payload),
        finalTranscript: hook.payload.transcript.map((entry) => ({
          speaker: entry.type,
          text: entry.message,
          timestamp: entry.utc_timestamp ?? null,
        })),
      };
    case 'transcript':
      return {
        ...common,
        type: 'transcript',
        call: nestedCall(hook.payload.call),
        transcript: {
          speaker: hook.payload.type,
          text: hook.payload.transcript,
          timestamp: hook.payload.timestamp_utc ?? null,
        },
      };
    case 'error':
      return {
        ...common,
        type: 'error',
        call: nestedCall(hook.payload.call),
        error: { message: hook.payload.error_message },
      };
  }
};

interface FlatCall {
  call_id: number | string;
  from: string;
  to: string;
  direction: 'inbound' | 'outbound';
  source: string;
}

const flatCall = (p: FlatCall): CallRef => ({
  source: p.source,
  callId: String(p.call_id),
  from: p.from,
  to: p.to,
  direction: p.direction,
});

const nestedCall = (c: Omit<FlatCall, 'call_id'> & { id: number | string }): CallRef =>
  flatCall({ ...c, call_id: c.id });

/** Best effort for event types we do not know: keep whatever call identity it carries. */
const normalizeUnknown = (body: object, eventType: string, base: Base): CallEvent => {
  const b = body as Record<string, unknown>;
  const payload = isRecord(b.payload) ? b.payload : {};
  const call = isRecord(payload.call) ? payload.call : payload;
  const source = call.source;
  const id = call.call_id ?? call.id;
  const ts = b.timestamp_utc;
  const occurredAt =
    typeof ts === 'number' && Number.isFinite(ts) && ts >= 0 && ts < 1e11
      ? toIso(ts)
      : base.receivedAt;
  const direction =
    call.direction === 'inbound' || call.direction === 'outbound' ? call.direction : null;
  return {
    ...base,
    type: 'unknown',
    providerEventType: eventType.slice(0, 200),
    occurredAt,
    isTest: b.is_test === true,
    call:
      typeof source === 'string' &&
      source !== '' &&
      (typeof id === 'string' || typeof id === 'number')
        ? {
            source,
            callId: String(id),
            from: typeof call.from === 'string' ? call.from : null,
            to: typeof call.to === 'string' ? call.to : null,
            direction,
          }
        : null,
  };
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
