import type { RuleMatch } from '../types.js';

/** A live transcript fragment, at its event's provider time (Unix seconds). */
export interface Fragment {
  eventId: string;
  speaker: string;
  text: string;
  at: number;
  /** Arrival order: breaks ties between fragments of the same second. */
  seq: number;
}

/**
 * Everything the evaluator remembers about one call. Plain JSON (it is stored in a
 * compacted topic keyed by the call) and bounded: at most `maxFragments` utterances, a
 * few lifecycle times, one match per rule version. Times are provider Unix seconds, so
 * a late call_initiated moves the call's start without rewriting anything.
 */
export interface CallState {
  v: 1;
  initiatedAt: number | null;
  earliestAt: number | null;
  /** The latest provider time any event has shown. */
  latestAt: number | null;
  /** The latest provider time a sweep has vouched for. */
  sweptTo: number | null;
  answeredAt: number | null;
  errorsAt: number[];
  endedAt: number | null;
  /** Sorted by (at, seq). Their event ids are also the duplicate check for transcripts. */
  fragments: Fragment[];
  /** Fragments beyond `maxFragments`, counted only. */
  dropped: number;
  seq: number;
  /** Ids of the non-transcript events seen, for the duplicate check (a handful per call). */
  seen: string[];
  /** Live matches by rule key (`name@version`). */
  fired: Record<string, RuleMatch>;
  /** The reconciled set, once call_ended has been evaluated. */
  reconciled: RuleMatch[] | null;
  /**
   * What the last evaluations left pending, valid for the rule set `set` only (another
   * set, or none recorded: every rule is evaluated at the next event). One entry per timed
   * rule (`not`, `notFollowedBy`, `longerThan`), in the set's order: the call second from
   * which time alone may change its outcome, or null if only a new fact can (see `step`).
   * Other rules wait for a fact they watch.
   */
  wake?: { set: string; at: (number | null)[] };
}

export const createCallState = (): CallState => ({
  v: 1,
  initiatedAt: null,
  earliestAt: null,
  latestAt: null,
  sweptTo: null,
  answeredAt: null,
  errorsAt: [],
  endedAt: null,
  fragments: [],
  dropped: 0,
  seq: 0,
  seen: [],
  fired: {},
  reconciled: null,
});

/**
 * A copy of the state to make the next one from. Field by field rather than a spread: a
 * live analyzer makes one per event, and every copy then has the same shape, however the
 * state was made (new, read back from JSON, or by an earlier step).
 */
export const copyState = (state: CallState): CallState => ({
  v: 1,
  initiatedAt: state.initiatedAt,
  earliestAt: state.earliestAt,
  latestAt: state.latestAt,
  sweptTo: state.sweptTo,
  answeredAt: state.answeredAt,
  errorsAt: state.errorsAt,
  endedAt: state.endedAt,
  fragments: state.fragments,
  dropped: state.dropped,
  seq: state.seq,
  seen: state.seen,
  fired: state.fired,
  reconciled: state.reconciled,
  wake: state.wake,
});

/** The call's start: its call_initiated time, else the earliest event seen. */
export const callStart = (state: CallState): number | null => state.initiatedAt ?? state.earliestAt;
