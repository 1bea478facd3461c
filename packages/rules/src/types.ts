import type { MATCH_BASES, MATCH_PHASES, MATCH_STATUSES, Severity } from '@callpulse/contracts';

export { SEVERITIES } from '@callpulse/contracts';
export type { Severity } from '@callpulse/contracts';

/** `live`: decided while the call ran; `final`: found only by the pass over the final transcript. */
export type Phase = (typeof MATCH_PHASES)[number];
/** A live match is `confirmed` or `retracted` by the final pass; everything else is `fired`. */
export type Status = (typeof MATCH_STATUSES)[number];
/** What showed the match to be decided: an event's provider time, a sweep, or call_ended. */
export type Basis = (typeof MATCH_BASES)[number];

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
