import type { KeywordHit, SentimentLabel } from '../types.js';

/** Sentiment of several utterances taken together, as if they were one text. */
export interface SentimentAggregate {
  score: number;
  comparative: number;
  label: SentimentLabel;
}

export interface SpeakerAggregate extends SentimentAggregate {
  utterances: number;
}

/** How the customer's mood moved over the call. */
export interface Trajectory {
  /** Mean comparative of the customer's first third of utterances (at least one). */
  start: number | null;
  /** Mean comparative of the customer's last third of utterances (at least one). */
  end: number | null;
  /** Least-squares slope of comparative over the call, position scaled to 0..1. */
  slope: number | null;
  /** From end - start; "unknown" with fewer than two customer utterances. */
  trend: 'improving' | 'worsening' | 'flat' | 'unknown';
}

export interface CallSummaryHit extends KeywordHit {
  /** Which entry of the transcript the hit is in. */
  utteranceIndex: number;
}

export interface CallSummary {
  overall: SentimentAggregate;
  bySpeaker: { customer: SpeakerAggregate; ai: SpeakerAggregate };
  /** The call's label from the customer's words alone: what the caller felt. */
  customerLabel: SentimentLabel;
  trajectory: Trajectory;
  mostNegativeCustomerUtterance: { index: number; text: string; comparative: number } | null;
  /** Hits per enabled list, zero included. */
  hitsByList: Record<string, number>;
  hits: CallSummaryHit[];
  utterances: number;
}
