import type { KnownEventType } from './provider.js';

export type Speaker = 'customer' | 'ai';
export type Direction = 'inbound' | 'outbound';

/** A call is identified by (source, callId); call ids are only unique within a source. */
export interface CallRef {
  source: string;
  callId: string;
  from: string | null;
  to: string | null;
  direction: Direction | null;
}

export interface FinalTranscriptEntry {
  speaker: Speaker;
  text: string;
  /** The provider's own per-entry timestamp, verbatim (it is not always Unix seconds). */
  timestamp: string | null;
}

interface EventBase {
  /** Deterministic: a provider idempotency header, else a hash of the canonical body. */
  eventId: string;
  /** ISO 8601; the provider's Unix seconds converted once, here. */
  occurredAt: string;
  receivedAt: string;
  isTest: boolean;
  /** The body exactly as parsed, for audit. */
  raw: unknown;
}

export type LifecycleEventType = Extract<
  KnownEventType,
  'call_initiated' | 'call_ringing' | 'call_answered'
>;

export type CallEvent =
  | (EventBase & { type: LifecycleEventType; call: CallRef })
  | (EventBase & {
      type: 'transcript';
      call: CallRef;
      transcript: { speaker: Speaker; text: string; timestamp: string | null };
    })
  | (EventBase & { type: 'call_ended'; call: CallRef; finalTranscript: FinalTranscriptEntry[] })
  | (EventBase & { type: 'error'; call: CallRef; error: { message: string } })
  | (EventBase & {
      /** An event type we do not know yet: stored, never analyzed, never dropped. */
      type: 'unknown';
      providerEventType: string;
      call: CallRef | null;
    });

export type CallEventType = CallEvent['type'];

/** The Kafka key: every event of a call lands on one partition, in order. */
export const callKey = (event: CallEvent): string =>
  event.call ? `${event.call.source}/${event.call.callId}` : `unknown/${event.eventId}`;
