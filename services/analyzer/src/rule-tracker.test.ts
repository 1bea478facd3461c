import type { CallEvent } from '@callpulse/contracts';
import { compileRules, validateRule } from '@callpulse/rules';
import { describe, expect, it } from 'vitest';
import type { CurrentAnalyzer } from './config-source.js';
import { createRuleTracker, type RuleStore } from './rule-tracker.js';

const START = 1_760_000_000;

const rule = validateRule(
  {
    name: 'no-notice',
    severity: 'low',
    when: { not: { said: { terms: ['recorded'], window: { firstSeconds: 10 } } } },
  },
  { lists: [] },
);
if (!rule.ok) throw new Error('test rule invalid');
const current = (): CurrentAnalyzer =>
  ({
    ruleSet: compileRules([rule.value]).ruleSet,
    notify: new Map(),
  }) as unknown as CurrentAnalyzer;

const initiated = (callId: string): CallEvent =>
  ({
    type: 'call_initiated',
    eventId: `init-${callId}`,
    occurredAt: new Date(START * 1000).toISOString(),
    receivedAt: new Date(START * 1000).toISOString(),
    isTest: false,
    call: { source: 'test', callId },
  }) as unknown as CallEvent;

/** A store in memory, as Postgres would keep it: saved states come back by partition. */
const memoryStore = () => {
  const saved = new Map<string, Parameters<RuleStore['save']>[0][number]>();
  const store: RuleStore = {
    load: (calls) =>
      Promise.resolve(
        new Map(
          calls.flatMap((c) => {
            const s = saved.get(`${c.source}/${c.callId}`);
            return s ? [[`${c.source}/${c.callId}`, s.state] as const] : [];
          }),
        ),
      ),
    loadOpen: (partition) =>
      Promise.resolve(
        [...saved.values()]
          .filter((s) => s.partition === partition && !s.ended)
          .map((s) => ({ ...s, savedAt: new Date(0) })),
      ),
    // As JSON, as Postgres keeps it: nothing the evaluator kept in memory comes back.
    save: (states) => {
      for (const s of states) {
        saved.set(`${s.source}/${s.callId}`, {
          ...s,
          state: JSON.parse(JSON.stringify(s.state)) as typeof s.state,
        });
      }
      return Promise.resolve();
    },
  };
  return store;
};

describe('rule tracker sweeps', () => {
  it('decide deadlines only in partitions whose events have all been read', async () => {
    let clock = START * 1000;
    const tracker = createRuleTracker({
      store: memoryStore(),
      isCaughtUp: () => Promise.resolve(true),
      current,
      now: () => clock,
    });
    tracker.assign([0]);
    await tracker.commit(await tracker.apply(0, [initiated('a')]));
    clock += 60_000;
    tracker.progress(0, false);
    expect(tracker.sweep(0, 5).matches).toEqual([]);
    tracker.progress(0, true);
    const swept = tracker.sweep(0, 5);
    expect(swept.matches.map((m) => [m.callId, m.rule, m.basis, m.atSecond])).toEqual([
      ['a', 'no-notice', 'deadline', 10],
    ]);
  });

  it('after a restart, reads back the quiet calls of a partition it takes over', async () => {
    const store = memoryStore();
    let clock = START * 1000;
    const before = createRuleTracker({
      store,
      isCaughtUp: () => Promise.resolve(true),
      current,
      now: () => clock,
    });
    before.assign([3]);
    await before.commit(await before.apply(3, [initiated('b')]));

    let asked = 0;
    const after = createRuleTracker({
      store,
      isCaughtUp: () => {
        asked++;
        return Promise.resolve(true);
      },
      current,
      now: () => clock,
    });
    after.assign([3]);
    expect(after.sweep(3, 5).matches).toEqual([]); // nothing known before the restore
    clock += 60_000;
    await after.restore(3);
    await after.restore(3); // once per partition taken over
    expect(asked).toBe(1);
    expect(after.sweep(3, 5).matches.map((m) => [m.callId, m.basis])).toEqual([['b', 'deadline']]);
  });

  it('does not sweep a partition Kafka says still holds unread events', async () => {
    const store = memoryStore();
    const clock = START * 1000;
    const before = createRuleTracker({
      store,
      isCaughtUp: () => Promise.resolve(true),
      current,
      now: () => clock,
    });
    before.assign([1]);
    await before.commit(await before.apply(1, [initiated('c')]));
    const after = createRuleTracker({
      store,
      isCaughtUp: () => Promise.resolve(false),
      current,
      now: () => clock + 60_000,
    });
    after.assign([1]);
    await after.restore(1);
    expect(after.sweep(1, 5).matches).toEqual([]);
    after.progress(1, true); // a batch reached the end
    expect(after.sweep(1, 5).matches.map((m) => m.callId)).toEqual(['c']);
  });
});
