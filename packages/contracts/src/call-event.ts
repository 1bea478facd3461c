import { z } from 'zod';
import { directionSchema, speakerSchema } from './vocabulary.js';

// The one canonical call event ingest makes of a provider webhook. Defined as zod schemas
// (the Kafka codec validates with them) with the TypeScript types derived from them.

/** A call is identified by (source, callId); call ids are only unique within a source. */
export const callRefSchema = z.object({
  source: z.string().min(1),
  callId: z.string().min(1),
  from: z.string().nullable(),
  to: z.string().nullable(),
  direction: directionSchema.nullable(),
});
export type CallRef = z.infer<typeof callRefSchema>;

/** Where ingest replaced personal data by a type token: offsets in the redacted text. */
export const redactionSchema = z.object({
  type: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Redaction = z.infer<typeof redactionSchema>;

const utterance = z.object({
  speaker: speakerSchema,
  text: z.string(),
  /** The provider's own timestamp, verbatim (it is not always Unix seconds). */
  timestamp: z.string().nullable(),
  /** Present when ingest redacted the text; the values replaced never travel. */
  redactions: z.array(redactionSchema).optional(),
});
export type FinalTranscriptEntry = z.infer<typeof utterance>;

const base = {
  /** Deterministic: a provider idempotency header, else a hash of the canonical body. */
  eventId: z.string().min(1),
  /** ISO 8601; the provider's Unix seconds converted once, at the edge. */
  occurredAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  isTest: z.boolean(),
  /** The body exactly as parsed, for audit. */
  raw: z.unknown(),
};

export const LIFECYCLE_EVENT_TYPES = ['call_initiated', 'call_ringing', 'call_answered'] as const;

export const callEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.enum(LIFECYCLE_EVENT_TYPES), call: callRefSchema }),
  z.object({ ...base, type: z.literal('transcript'), call: callRefSchema, transcript: utterance }),
  z.object({
    ...base,
    type: z.literal('call_ended'),
    call: callRefSchema,
    finalTranscript: z.array(utterance),
  }),
  z.object({
    ...base,
    type: z.literal('error'),
    call: callRefSchema,
    error: z.object({ message: z.string() }),
  }),
  z.object({
    ...base,
    /** An event type we do not know yet: stored, never analyzed, never dropped. */
    type: z.literal('unknown'),
    providerEventType: z.string(),
    call: callRefSchema.nullable(),
  }),
]);

export type CallEvent = z.infer<typeof callEventSchema>;
export type CallEventType = CallEvent['type'];
export type LifecycleEventType = (typeof LIFECYCLE_EVENT_TYPES)[number];

/** The Kafka key: every event of a call lands on one partition, in order. */
export const callKey = (event: CallEvent): string =>
  event.call ? `${event.call.source}/${event.call.callId}` : `unknown/${event.eventId}`;
