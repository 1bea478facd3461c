export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `live`: decided while the call ran; `final`: found only by the pass over the final transcript. */
export type Phase = 'live' | 'final';
/** A live match is `confirmed` or `retracted` by the final pass; everything else is `fired`. */
export type Status = 'fired' | 'confirmed' | 'retracted';
/** What showed the match to be decided: an event's provider time, a sweep, or call_ended. */
export type Basis = 'event' | 'deadline' | 'call_end';

/** One utterance that made a condition true, with the hit inside it. */
export interface Evidence {
  speaker: string;
  /** The whole utterance. */
  text: string;
  /** UTF-16 offsets of the hit in `text`, end exclusive (0..text.length for a whole utterance). */
  start: number;
  end: number;
  /** Provider seconds since call start. */
  atSecond: number;
  /** The live transcript event; absent for final-transcript entries no live event matched. */
  eventId?: string;
}

export interface RuleMatch {
  rule: string;
  ruleVersion: number;
  severity: Severity;
  phase: Phase;
  status: Status;
  basis: Basis;
  /** Provider seconds since call start at which the condition became true. */
  atSecond: number;
  evidence: Evidence[];
}
