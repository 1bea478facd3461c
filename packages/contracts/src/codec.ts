import { z } from 'zod';
import type { CallEvent } from './call-event.js';
import { err, ok, type Result } from './result.js';

/**
 * Versioned serialization of Kafka message values. A consumer that meets a version it
 * does not know fails that message (dead letter) instead of misreading it.
 */
export const CALL_EVENT_VERSION = 1;
export const CALL_EVENT_CONTENT_TYPE = 'application/vnd.callpulse.call-event+json; v=1';

const speaker = z.enum(['customer', 'ai']);
const callRef = z.object({
  source: z.string().min(1),
  callId: z.string().min(1),
  from: z.string().nullable(),
  to: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']).nullable(),
});
const base = {
  eventId: z.string().min(1),
  occurredAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  isTest: z.boolean(),
  raw: z.unknown(),
};

const callEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.enum(['call_initiated', 'call_ringing', 'call_answered']),
    call: callRef,
  }),
  z.object({
    ...base,
    type: z.literal('transcript'),
    call: callRef,
    transcript: z.object({ speaker, text: z.string(), timestamp: z.string().nullable() }),
  }),
  z.object({
    ...base,
    type: z.literal('call_ended'),
    call: callRef,
    finalTranscript: z.array(
      z.object({ speaker, text: z.string(), timestamp: z.string().nullable() }),
    ),
  }),
  z.object({
    ...base,
    type: z.literal('error'),
    call: callRef,
    error: z.object({ message: z.string() }),
  }),
  z.object({
    ...base,
    type: z.literal('unknown'),
    providerEventType: z.string(),
    call: callRef.nullable(),
  }),
]);

export const encodeCallEvent = (event: CallEvent): string =>
  JSON.stringify({ v: CALL_EVENT_VERSION, event });

export const decodeCallEvent = (value: Buffer | string | null): Result<CallEvent> =>
  decodeVersioned(value, CALL_EVENT_VERSION, callEventSchema);

export function decodeVersioned<T>(
  value: Buffer | string | null,
  version: number,
  schema: z.ZodType<T>,
): Result<T> {
  if (value === null) return err('empty message value');
  let envelope: unknown;
  try {
    envelope = JSON.parse(value.toString());
  } catch (e) {
    return err(`message value is not JSON: ${(e as Error).message}`);
  }
  const v = (envelope as { v?: unknown } | null)?.v;
  if (v !== version)
    return err(`unsupported message version ${JSON.stringify(v)} (expected ${version})`);
  const parsed = schema.safeParse((envelope as { event?: unknown }).event);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err(
      `invalid message: ${first ? `${first.path.join('.')}: ${first.message}` : 'unknown'}`,
    );
  }
  return ok(parsed.data);
}
