import type { CallEvent, RuleMatchMessage } from '@callpulse/contracts';
import type { CallKey } from '@callpulse/db';
import {
  createCallState,
  readCallState,
  step,
  sweep,
  toMatchMessage,
  type CallState,
  type RuleMatch,
} from '@callpulse/rules';
import type { CurrentAnalyzer } from './config-source.js';

interface Entry {
  state: CallState;
  partition: number;
  /** Our clock when the call last had an event: how long it has been quiet. */
  seenAtMs: number;
  isTest: boolean;
}

/** What a chunk or a sweep decided: matches to publish, states to save after that. */
export interface RuleOutcome {
  matches: RuleMatchMessage[];
  states: Map<string, Entry & CallKey>;
  /** The rebalance generation the outcome was computed in. */
  generation: number;
}

export interface RuleStore {
  load: (calls: readonly CallKey[]) => Promise<Map<string, unknown>>;
  /** The states of the calls of `partition` that have not ended. */
  loadOpen: (
    partition: number,
  ) => Promise<(CallKey & { state: unknown; savedAt: Date; isTest: boolean })[]>;
  save: (
    states: readonly (CallKey & {
      state: unknown;
      ended: boolean;
      partition: number;
      isTest: boolean;
    })[],
  ) => Promise<void>;
}

const keyOf = (c: CallKey): string => `${c.source}/${c.callId}`;

/**
 * Per-call rule state for the calls of this analyzer's partitions. A state lives in
 * memory while the call is active and in Postgres (`rule_state`) once saved; it is saved
 * only after the matches it produced are in Kafka, so a crash replays the input and the
 * evaluator, which ignores events it has seen, decides nothing twice — at worst a match
 * is published again under the same id.
 */
export const createRuleTracker = ({
  store,
  isCaughtUp,
  current,
  now = () => Date.now(),
  maxCached = 20_000, // calls kept in memory; the oldest quiet ones go first
  onError = () => {},
  onSweepError = () => {},
}: {
  store: RuleStore;
  /** Whether everything the partition holds has been consumed (asked of Kafka). */
  isCaughtUp: (partition: number) => Promise<boolean>;
  current: () => CurrentAnalyzer;
  now?: () => number;
  maxCached?: number;
  /** A rule evaluation threw (a bug): the event is left out of the rules, not the pipeline. */
  onError?: (event: CallEvent, error: unknown) => void;
  /** A sweep of one call threw (a bug): that call is left out of this sweep, not the others. */
  onSweepError?: (call: CallKey, error: unknown) => void;
}) => {
  const cache = new Map<string, Entry & CallKey>();
  // Bumped on every rebalance: work begun before it must not put stale states back.
  let generation = 0;
  // The partitions this member holds since the last (re)join.
  const held = new Set<number>();
  // Per partition held: whether its last batch reached the end of what Kafka had (or, before
  // any batch, whether the group's commit had). A partition that lags may hold the very
  // events that answer a deadline: no sweep there.
  const caughtUp = new Map<number, boolean>();
  // Partitions whose quiet calls were read back from the store since the last rebalance.
  const restored = new Set<number>();

  const remember = (entry: Entry & CallKey): void => {
    const key = keyOf(entry);
    cache.delete(key);
    cache.set(key, entry);
    for (const [oldest] of cache) {
      if (cache.size <= maxCached) break;
      cache.delete(oldest);
    }
  };

  const toMessage = (
    entry: Entry & CallKey,
    match: RuleMatch,
    trigger: { eventId: string | null; receivedAt: string | null },
  ): RuleMatchMessage => {
    const rule = current().notify.get(match.rule);
    return toMatchMessage({
      match,
      call: entry,
      isTest: entry.isTest,
      callStart: entry.state.initiatedAt ?? entry.state.earliestAt,
      decidedAt: new Date(now()),
      trigger,
      notify: rule?.notify ?? [],
      notifyOn: (rule?.notifyOn ?? ['fired']) as RuleMatchMessage['notifyOn'],
    });
  };

  return {
    /**
     * Feeds a chunk's call events, in partition order. Nothing is remembered until
     * `commit`: if publishing fails, the chunk is fed again from the same states.
     */
    apply: async (partition: number, events: readonly CallEvent[]): Promise<RuleOutcome> => {
      const { ruleSet } = current();
      const outcome: RuleOutcome = { matches: [], states: new Map(), generation };
      if (ruleSet.rules.length === 0) return outcome;
      const calls = events.flatMap((e) => (e.call ? [e.call] : []));
      const missing = [...new Map(calls.map((c) => [keyOf(c), c])).values()].filter(
        (c) => !cache.has(keyOf(c)),
      );
      const stored = await store.load(missing.map((c) => ({ source: c.source, callId: c.callId })));
      for (const event of events) {
        if (!event.call) continue;
        const key = keyOf(event.call);
        const entry = outcome.states.get(key) ??
          cache.get(key) ?? {
            source: event.call.source,
            callId: event.call.callId,
            partition,
            seenAtMs: now(),
            isTest: event.isTest,
            state: readCallState(stored.get(key)) ?? createCallState(),
          };
        let result: ReturnType<typeof step>;
        try {
          result = step(entry.state, event, ruleSet);
        } catch (error) {
          onError(event, error);
          continue;
        }
        const next = { ...entry, state: result.state, seenAtMs: now(), partition };
        outcome.states.set(key, next);
        const trigger = { eventId: event.eventId, receivedAt: event.receivedAt };
        for (const match of result.decisions) outcome.matches.push(toMessage(next, match, trigger));
      }
      return outcome;
    },

    /** Notes how far a batch of `partition` went: to the end Kafka had then, or not. */
    progress: (partition: number, reachedEnd: boolean): void => {
      caughtUp.set(partition, reachedEnd);
    },

    /**
     * Once per partition taken over, reads back its calls that have not ended and are not
     * in memory, so deadlines of calls that went quiet before a restart are still decided.
     */
    restore: async (partition: number): Promise<void> => {
      if (restored.has(partition) || current().ruleSet.rules.length === 0) return;
      const began = generation;
      const reachedEnd = caughtUp.has(partition) ? null : await isCaughtUp(partition);
      const open = await store.loadOpen(partition);
      if (began !== generation) return;
      // A batch may have said how far it went meanwhile: that is the fresher answer.
      if (reachedEnd !== null && !caughtUp.has(partition)) caughtUp.set(partition, reachedEnd);
      const nowMs = now();
      for (const saved of open) {
        const key = keyOf(saved);
        const state = readCallState(saved.state);
        if (cache.has(key) || state === null) continue;
        remember({
          source: saved.source,
          callId: saved.callId,
          partition,
          // Quiet since it was saved, at the latest: its deadline is not decided early.
          seenAtMs: Math.min(saved.savedAt.getTime(), nowMs),
          isTest: saved.isTest,
          state,
        });
      }
      restored.add(partition);
    },

    /**
     * Decides the deadlines of quiet calls in `partition`: a call's provider clock is
     * taken to have moved on as far as ours since its last event, less `latenessS`. Only
     * in a partition whose events have all been read: in one that lags, a call's next
     * event may be waiting there.
     */
    sweep: (partition: number, latenessS: number): RuleOutcome => {
      const { ruleSet } = current();
      const outcome: RuleOutcome = { matches: [], states: new Map(), generation };
      if (ruleSet.rules.length === 0 || caughtUp.get(partition) !== true) return outcome;
      for (const [key, entry] of cache) {
        if (entry.partition !== partition || entry.state.endedAt !== null) continue;
        if (entry.state.latestAt === null) continue;
        const quietS = (now() - entry.seenAtMs) / 1000;
        let result: ReturnType<typeof sweep>;
        try {
          result = sweep(entry.state, entry.state.latestAt + quietS - latenessS, ruleSet);
        } catch (error) {
          onSweepError(entry, error);
          continue;
        }
        if (result.decisions.length === 0) {
          // Only how far the sweep looked moved on: remembered here, not saved, not reordered.
          if (result.state !== entry.state) cache.set(key, { ...entry, state: result.state });
          continue;
        }
        const next = { ...entry, state: result.state };
        outcome.states.set(key, next);
        const trigger = { eventId: null, receivedAt: null };
        for (const match of result.decisions) outcome.matches.push(toMessage(next, match, trigger));
      }
      return outcome;
    },

    /** Saves the states after their matches are in Kafka, then remembers them. */
    commit: async (outcome: RuleOutcome): Promise<void> => {
      const states = [...outcome.states.values()];
      await store.save(
        states.map((e) => ({
          source: e.source,
          callId: e.callId,
          state: e.state,
          ended: e.state.endedAt !== null,
          partition: e.partition,
          isTest: e.isTest,
        })),
      );
      // A rebalance since: another member may own these calls now; read them afresh.
      if (outcome.generation === generation) for (const entry of states) remember(entry);
    },

    /** The partitions this member holds. */
    partitions: (): Set<number> => new Set(held),
    /**
     * After a (re)join: these partitions are held now, and another member may have moved
     * a call on meanwhile, so states are read afresh.
     */
    assign: (partitions: readonly number[]): void => {
      generation++;
      cache.clear();
      caughtUp.clear();
      restored.clear();
      held.clear();
      for (const p of partitions) held.add(p);
    },
    size: (): number => cache.size,
  };
};

export type RuleTracker = ReturnType<typeof createRuleTracker>;
