import { z } from 'zod';

// The words every part of callpulse shares, each defined once as a zod schema with its
// type derived from it. The SQL CHECKs and functions that repeat them are kept in step
// by test/vocabulary.test.ts.

/** The speakers the provider documents. */
export const KNOWN_SPEAKERS = ['customer', 'ai'] as const;

/**
 * Who said an utterance. Any non-empty name is accepted, stored and scored: the
 * provider documents `customer` and `ai`, and a new kind (a human `agent` taking over,
 * say) must not turn its fragments into failed deliveries.
 */
export const speakerSchema = z.string().trim().min(1, 'a speaker name is required').max(64);
export type Speaker = z.infer<typeof speakerSchema>;

export const LABELS = ['positive', 'neutral', 'negative'] as const;
export const labelSchema = z.enum(LABELS);
export type SentimentLabel = z.infer<typeof labelSchema>;

/** A call's state, in the order it may move (it never moves back). */
export const CALL_STATUSES = [
  'unknown',
  'initiated',
  'ringing',
  'answered',
  'error',
  'ended',
] as const;
export const callStatusSchema = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof callStatusSchema>;

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const directionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof directionSchema>;

export const MATCH_MODES = ['exact', 'stem', 'phrase', 'fuzzy'] as const;
export const matchModeSchema = z.enum(MATCH_MODES);
export type MatchMode = z.infer<typeof matchModeSchema>;

/** How much a rule's match matters. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** `live`: decided while the call ran; `final`: found only by the pass over the final transcript. */
export const MATCH_PHASES = ['live', 'final'] as const;
/** A live match is `confirmed` or `retracted` by the final pass; everything else is `fired`. */
export const MATCH_STATUSES = ['fired', 'confirmed', 'retracted'] as const;
/** What showed a match to be decided: an event's provider time, a sweep, or call_ended. */
export const MATCH_BASES = ['event', 'deadline', 'call_end'] as const;
