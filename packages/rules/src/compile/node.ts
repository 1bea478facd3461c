import type { LifecycleCondition, Window } from '../schema/condition.js';

/**
 * A condition ready to evaluate: term sets replaced by the ids of the keyword lists they
 * were compiled into, speaker sets resolved (`null` = every speaker).
 */
export type Node =
  | {
      op: 'said';
      /** Where a call's memo keeps this condition's progress (see `eval/memo.ts`). */
      slot: number;
      list: string;
      label: string;
      speakers: readonly string[] | null;
      atLeast: number;
      window: Window | undefined;
    }
  | {
      op: 'near';
      slot: number;
      lists: readonly string[];
      terms: readonly string[];
      words: number;
      speakers: readonly string[] | null;
    }
  | {
      op: 'sentiment';
      slot: number;
      speaker: string | null;
      below: number | undefined;
      above: number | undefined;
      overLast: number;
    }
  | { op: 'event'; event: LifecycleCondition }
  | { op: 'longerThan'; seconds: number }
  | { op: 'all' | 'any'; children: readonly Node[] }
  | { op: 'not'; child: Node }
  | { op: 'followedBy' | 'notFollowedBy'; first: Node; then: Node; within: number };
