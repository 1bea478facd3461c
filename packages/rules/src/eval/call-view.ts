import type { TextAnalysis } from '../compile/text-analysis.js';
import type { BuiltEvidence } from './evidence.js';
import type { LeafMemos } from './memo.js';

/** An utterance as conditions see it: at provider seconds since call start. */
export interface Utterance {
  speaker: string;
  text: string;
  at: number;
  eventId?: string;
  analysis: TextAnalysis;
  /**
   * The evidence conditions have built from it so far (see `evidence.ts`). Evidence holds
   * the utterance's time: a copy of an utterance at another time must leave this out.
   */
  built?: BuiltEvidence;
}

/**
 * One moment's knowledge of a call, the input of every condition. The live path builds it
 * from the state after each event; the final pass from the final transcript.
 */
export interface CallView {
  /** In time order (ties in arrival or transcript order). */
  utterances: readonly Utterance[];
  answeredAt: number | null;
  errorsAt: readonly number[];
  /** Set once the call has ended. */
  endAt: number | null;
  /**
   * Provider seconds known to have passed: the latest event's time, or a sweep's. Every
   * occurrence before `now` is known (barring late events); at `now` itself more may come.
   */
  now: number;
  /** What leaf conditions have worked out from `utterances` so far, when kept (see `memo.ts`). */
  memos?: LeafMemos;
}

export const hasEnded = (view: CallView): view is CallView & { endAt: number } =>
  view.endAt !== null;

/** Whether a speaker filter (`null` = everyone) admits an utterance's speaker. */
export const speaks = (speakers: readonly string[] | null, speaker: string): boolean =>
  speakers === null || speakers.includes(speaker);
