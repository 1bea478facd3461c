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
  v: 2;
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
  /**
   * Live matches, one per rule version, in the order they fired. Replaced, never changed
   * in place: the evaluator's memo tells states apart by it. (Version 1 kept them by rule
   * key, `name@version`: adding a key to a copy of that record was the dearest part of a
   * firing.)
   */
  fired: readonly RuleMatch[];
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
  v: 2,
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
  fired: [],
  reconciled: null,
});

/**
 * A state read back (from `rule_state`), or null if it is none: version 1's record of
 * live matches becomes version 2's list. (Not in firing order: jsonb sorts an object's
 * keys. Nothing reads the order; matches are looked up by rule.)
 */
export const readCallState = (value: unknown): CallState | null => {
  if (typeof value !== 'object' || value === null) return null;
  const { v, fired } = value as { v?: unknown; fired?: unknown };
  if (v === 2 && Array.isArray(fired)) return value as CallState;
  if (v !== 1 || typeof fired !== 'object' || fired === null) return null;
  return {
    ...(value as Omit<CallState, 'v' | 'fired'>),
    v: 2,
    fired: Object.values(fired as Record<string, RuleMatch>),
  };
};

/**
 * A state made by `copyState`: the same fields, and one private slot where the evaluator
 * keeps what it has worked out for the call (see `eval/live-view.ts`). A private field is
 * invisible to JSON, spreads and equality checks, as that work must be, and costs a few
 * nanoseconds, where defining a hidden property on a plain object cost a quarter of a
 * microsecond, once per event.
 */
class CopiedState implements CallState {
  readonly v = 2;
  initiatedAt: number | null;
  earliestAt: number | null;
  latestAt: number | null;
  sweptTo: number | null;
  answeredAt: number | null;
  errorsAt: number[];
  endedAt: number | null;
  fragments: Fragment[];
  dropped: number;
  seq: number;
  seen: string[];
  fired: readonly RuleMatch[];
  reconciled: RuleMatch[] | null;
  wake: CallState['wake'];
  #kept: unknown = undefined;

  constructor(state: CallState) {
    this.initiatedAt = state.initiatedAt;
    this.earliestAt = state.earliestAt;
    this.latestAt = state.latestAt;
    this.sweptTo = state.sweptTo;
    this.answeredAt = state.answeredAt;
    this.errorsAt = state.errorsAt;
    this.endedAt = state.endedAt;
    this.fragments = state.fragments;
    this.dropped = state.dropped;
    this.seq = state.seq;
    this.seen = state.seen;
    this.fired = state.fired;
    this.reconciled = state.reconciled;
    this.wake = state.wake;
  }

  static keptOf(state: CallState): unknown {
    return #kept in state ? state.#kept : undefined;
  }

  static keep(state: CallState, value: unknown): boolean {
    if (!(#kept in state)) return false;
    state.#kept = value;
    return true;
  }
}

/**
 * A copy of the state to make the next one from. Field by field rather than a spread: a
 * live analyzer makes one per event, and every copy then has the same shape, however the
 * state was made (new, read back from JSON, or by an earlier step). What the evaluator
 * kept with `state` is not copied (see `keep`).
 */
export const copyState = (state: CallState): CallState => new CopiedState(state);

/** What the evaluator kept with `state` (see `keep`); undefined if nothing. */
export const keptOf = (state: CallState): unknown => CopiedState.keptOf(state);

/**
 * Keeps `value` with a state made by `copyState`, outside its JSON; false (nothing kept)
 * for any other state.
 */
export const keep = (state: CallState, value: unknown): boolean => CopiedState.keep(state, value);

/** The call's start: its call_initiated time, else the earliest event seen. */
export const callStart = (state: CallState): number | null => state.initiatedAt ?? state.earliestAt;
