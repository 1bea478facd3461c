import type { KeywordTerm } from '@callpulse/analysis';

/** A time range in provider seconds since call start; both ends inclusive. */
export type Window =
  { firstSeconds: number } | { lastSeconds: number } | { fromSecond: number; toSecond: number };

/** Exactly one of `list` and `terms` is set (the schema guarantees it). */
export interface SaidBody {
  list?: string;
  terms?: KeywordTerm[];
  /** Any speaker name; "any" (or absent, for `terms`) is every speaker. */
  speaker?: string;
  atLeast: number;
  window?: Window;
}

export interface NearBody {
  terms: KeywordTerm[];
  words: number;
  speaker?: string;
}

export interface SequenceBody {
  first: Condition;
  then: Condition;
  withinSeconds: number;
}

/** Exactly one of `below` and `above` is set (the schema guarantees it). */
export interface SentimentBody {
  speaker: string;
  below?: number;
  above?: number;
  overLast: number;
}

export const LIFECYCLE_CONDITIONS = ['answered', 'missed', 'error', 'ended'] as const;
export type LifecycleCondition = (typeof LIFECYCLE_CONDITIONS)[number];

export type Condition =
  | { said: SaidBody }
  | { near: NearBody }
  | { followedBy: SequenceBody }
  | { notFollowedBy: SequenceBody }
  | { sentiment: SentimentBody }
  | { event: LifecycleCondition }
  | { longerThan: { seconds: number } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const OPERATORS = [
  'said',
  'near',
  'followedBy',
  'notFollowedBy',
  'sentiment',
  'event',
  'longerThan',
  'all',
  'any',
  'not',
] as const;
export type Operator = (typeof OPERATORS)[number];
