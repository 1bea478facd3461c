import { z } from 'zod';
import { directionSchema, speakerSchema } from './vocabulary.js';

// The provider's webhook envelope, as documented. Strict about the fields we rely on,
// tolerant of fields the provider may add (zod objects strip unknown keys; the raw body
// is kept beside the normalized event, so nothing is lost).

// Call ids are integers in the documentation; accept strings too, since ids are only
// meaningful within a source and some boxes may not number them.
const callId = z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(200)]);
const phone = z.string().max(64);
const direction = directionSchema;
const source = z.string().trim().min(1).max(200);
// Inside payloads the provider sends timestamps as strings ("111111"); keep them verbatim.
const innerTimestamp = z.union([z.string().max(64), z.number()]).transform(String);

/** `call_initiated`, `call_ringing`, `call_answered` and `call_ended` carry a flat call. */
const flatCall = {
  call_id: callId,
  from: phone,
  to: phone,
  direction,
  source,
};

/** `transcript` and `error` nest the call under `payload.call`. */
const nestedCall = z.object({ id: callId, from: phone, to: phone, source, direction });

export const KNOWN_EVENT_TYPES = [
  'call_initiated',
  'call_ringing',
  'call_answered',
  'transcript',
  'call_ended',
  'error',
] as const;
export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

const envelope = {
  // Unix seconds. Integers per the documentation; a fractional value is still a time.
  timestamp_utc: z.number().nonnegative().max(1e11),
  is_test: z.boolean().default(false),
};

export const providerPayloadSchemas = {
  call_initiated: z.object(flatCall),
  call_ringing: z.object(flatCall),
  call_answered: z.object(flatCall),
  transcript: z.object({
    call: nestedCall,
    type: speakerSchema,
    transcript: z.string().max(100_000),
    timestamp_utc: innerTimestamp.optional(),
  }),
  call_ended: z.object({
    ...flatCall,
    transcript: z
      .array(
        z.object({
          type: speakerSchema,
          message: z.string().max(100_000),
          utc_timestamp: innerTimestamp.optional(),
        }),
      )
      .max(10_000)
      .default([]),
  }),
  error: z.object({ call: nestedCall, error_message: z.string().max(10_000) }),
} satisfies Record<KnownEventType, z.ZodType>;

export const providerWebhookSchema = z.discriminatedUnion('event_type', [
  z.object({
    event_type: z.literal('call_initiated'),
    payload: providerPayloadSchemas.call_initiated,
    ...envelope,
  }),
  z.object({
    event_type: z.literal('call_ringing'),
    payload: providerPayloadSchemas.call_ringing,
    ...envelope,
  }),
  z.object({
    event_type: z.literal('call_answered'),
    payload: providerPayloadSchemas.call_answered,
    ...envelope,
  }),
  z.object({
    event_type: z.literal('transcript'),
    payload: providerPayloadSchemas.transcript,
    ...envelope,
  }),
  z.object({
    event_type: z.literal('call_ended'),
    payload: providerPayloadSchemas.call_ended,
    ...envelope,
  }),
  z.object({ event_type: z.literal('error'), payload: providerPayloadSchemas.error, ...envelope }),
]);
export type ProviderWebhook = z.infer<typeof providerWebhookSchema>;

export const isKnownEventType = (type: unknown): type is KnownEventType =>
  typeof type === 'string' && (KNOWN_EVENT_TYPES as readonly string[]).includes(type);
