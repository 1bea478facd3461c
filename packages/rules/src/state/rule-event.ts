/**
 * What the evaluator reads from a call event. `CallEvent` from @callpulse/contracts fits
 * it; speakers are plain strings here, so a new speaker type ("agent") needs no change.
 */
export type RuleEvent =
  | {
      type: 'call_initiated' | 'call_ringing' | 'call_answered' | 'error' | 'unknown';
      eventId: string;
      occurredAt: string;
    }
  | {
      type: 'transcript';
      eventId: string;
      occurredAt: string;
      transcript: { speaker: string; text: string };
    }
  | {
      type: 'call_ended';
      eventId: string;
      occurredAt: string;
      finalTranscript: readonly FinalEntry[];
    };

export interface FinalEntry {
  speaker: string;
  text: string;
  /** The provider's per-entry timestamp, verbatim; often not a usable time. */
  timestamp: string | null;
}
