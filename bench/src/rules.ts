import { createAnalyzer } from '@callpulse/analysis';
import { bodyEventId, normalizeWebhook, type CallEvent } from '@callpulse/contracts';
import {
  createPool,
  getRule,
  inTransaction,
  putRule,
  refreshCallFigures,
  writeCallEvents,
  type Pool,
} from '@callpulse/db';
import { replayRule } from '@callpulse/replay';
import {
  compileRules,
  createCallState,
  step,
  toRuleRecord,
  validateRule,
  type CallState,
  type Rule,
} from '@callpulse/rules';
import { generateCalls } from '@callpulse/simulator';
import { benchLists } from './analysis.js';

export const eventsOf = (
  count: number,
  seed: number,
  source: string,
  start?: number,
): CallEvent[] =>
  generateCalls(count, { seed, source, ...(start ? { startUnixSeconds: start } : {}) }).flatMap(
    (call) =>
      call.webhooks.flatMap((body) => {
        const n = normalizeWebhook(body, {
          eventId: bodyEventId(body),
          receivedAt: new Date(((body.timestamp_utc as number) + 1) * 1000),
        });
        return n.ok ? [n.value] : [];
      }),
  );

/**
 * Real calls do not repeat each other's lines: a word no list matches (the call's id) is
 * added to each line, so no cache shared across calls flatters either side. The final
 * transcript repeats the call's own lines, as the provider's does.
 */
export const unique = (events: CallEvent[]): CallEvent[] =>
  events.map((e) => {
    if (!e.call) return e;
    const tag = (text: string) => `${text} ref${e.call?.callId ?? ''}`;
    if (e.type === 'transcript')
      return { ...e, transcript: { ...e.transcript, text: tag(e.transcript.text) } };
    if (e.type === 'call_ended') {
      return { ...e, finalTranscript: e.finalTranscript.map((f) => ({ ...f, text: tag(f.text) })) };
    }
    return e;
  });

/** 20 rules over the benchmark's 20 lists, every operator of the language. */
export const benchRules = (): Rule[] => {
  const list = (i: number) => `list-${i % 20}`;
  const shapes = (i: number): unknown => {
    switch (i % 10) {
      case 0:
        return { said: { list: list(i), speaker: 'customer' } };
      case 1:
        return { said: { list: list(i), atLeast: 2, window: { firstSeconds: 120 } } };
      case 2:
        return { near: { terms: ['cancel', 'contract'], words: 4, speaker: 'customer' } };
      case 3:
        return {
          followedBy: {
            first: { said: { list: list(i), speaker: 'customer' } },
            then: { said: { list: list(i + 1), speaker: 'ai' } },
            withinSeconds: 60,
          },
        };
      case 4:
        return {
          notFollowedBy: {
            first: { said: { list: list(i), speaker: 'customer' } },
            then: { said: { list: list(i + 3), speaker: 'ai' } },
            withinSeconds: 30,
          },
        };
      case 5:
        return { sentiment: { speaker: 'customer', below: -0.05, overLast: 3 } };
      case 6:
        return { any: [{ event: 'missed' }, { event: 'error' }] };
      case 7:
        return { longerThan: { seconds: 90 } };
      case 8:
        return {
          all: [{ said: { list: list(i) } }, { sentiment: { speaker: 'customer', below: 0 } }],
        };
      default:
        return { not: { said: { list: list(i), speaker: 'ai', window: { firstSeconds: 30 } } } };
    }
  };
  const lists = benchLists().map((l) => l.name);
  return Array.from({ length: 20 }, (_, i) => {
    const result = validateRule(
      { name: `bench-rule-${i}`, severity: 'low', when: shapes(i) },
      { lists },
    );
    if (!result.ok) throw new Error(`bench rule ${i}: ${JSON.stringify(result.errors)}`);
    return result.value;
  });
};

export interface RulesLiveFigures {
  withRules: number;
  without: number;
  ratio: number;
  rules: number;
  lists: number;
  /** Mean size of a call's saved rule state, in bytes of JSON. */
  stateBytesPerCall: number;
}

// Messages the analyzer service analyzes before feeding their events to the rules.
const CHUNK = 1_000;

/**
 * What rules cost the analyzer: call events per CPU-second through the analysis (scores,
 * hits, summaries) with 20 lists × 25 terms, with and without 20 rules evaluated per call,
 * alternating rounds in one run. Events go through in chunks of 1,000, as the analyzer
 * service takes them: every message analyzed, then the chunk's events fed to the rules.
 */
export const benchRulesLive = ({
  seconds,
  log,
}: {
  seconds: number;
  log: (l: string) => void;
}): RulesLiveFigures => {
  const lists = benchLists();
  const analyzer = createAnalyzer({ lists });
  // In arrival order: calls overlap, as on a live partition.
  const at = (e: CallEvent) => Date.parse(e.occurredAt);
  const events = unique(eventsOf(2_000, 5, 'bench:rules')).sort((a, b) => at(a) - at(b));
  const { ruleSet } = compileRules(benchRules(), { lists });
  const analyze = (event: CallEvent): void => {
    if (event.type === 'transcript')
      analyzer.analyzeUtterance(event.transcript.text, event.transcript.speaker);
    else if (event.type === 'call_ended') analyzer.summarizeCall(event.finalTranscript);
  };
  let states = new Map<string, CallState>();
  // As the analyzer service does: a chunk of messages analyzed, each fragment's analysis
  // handed to the rules, then the chunk's events fed to the rules.
  const withRules = (chunk: readonly CallEvent[]): void => {
    for (const event of chunk) {
      if (event.type === 'transcript') {
        const { text, speaker } = event.transcript;
        ruleSet.learn(text, analyzer.analyzeTokenized(text, speaker));
      } else if (event.type === 'call_ended') analyzer.summarizeCall(event.finalTranscript);
    }
    for (const event of chunk) {
      if (!event.call) continue;
      const key = `${event.call.source}/${event.call.callId}`;
      states.set(key, step(states.get(key) ?? createCallState(), event, ruleSet).state);
    }
  };
  const without = (chunk: readonly CallEvent[]): void => {
    for (const event of chunk) analyze(event);
  };
  const chunks: CallEvent[][] = [];
  for (let i = 0; i < events.length; i += CHUNK) chunks.push(events.slice(i, i + CHUNK));
  // Events per second of this process's CPU time (GC threads included): other work on
  // the machine slows both sides' wall clock, not what each costs.
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const run = (fn: (chunk: readonly CallEvent[]) => void, ms: number): number => {
    let n = 0;
    const start = cpuMs();
    let now = start;
    while (now - start < ms) {
      states = new Map();
      for (const chunk of chunks) fn(chunk);
      n += events.length;
      now = cpuMs();
    }
    return n / ((now - start) / 1000);
  };
  run(without, 300);
  run(withRules, 300);
  const rounds = 3;
  const pairs: { withRules: number; without: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const alone = run(without, (seconds * 1000) / (2 * rounds));
    const w = run(withRules, (seconds * 1000) / (2 * rounds));
    pairs.push({ withRules: w, without: alone });
    log(
      `rules round ${i + 1}/${rounds}: with 20 rules ${w.toFixed(0)} events/s, without ${alone.toFixed(0)}/s`,
    );
  }
  const ratios = pairs.map((p) => p.withRules / p.without).sort((a, b) => a - b);
  const sizes = [...states.values()].map((s) => JSON.stringify(s).length);
  return {
    withRules: Math.round(pairs.reduce((s, p) => s + p.withRules, 0) / rounds),
    without: Math.round(pairs.reduce((s, p) => s + p.without, 0) / rounds),
    ratio: Number((ratios[1] ?? 0).toFixed(3)),
    rules: ruleSet.rules.length,
    lists: lists.length,
    stateBytesPerCall: Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)),
  };
};

export interface ReplayFigures {
  calls: number;
  seconds: number;
  callsPerSecond: number;
  added: number;
  removed: number;
  /** The diff agrees with the same question asked of the stored fragments in SQL. */
  checked: boolean;
}

const bruteForce = async (pool: Pool, source: string, word: string): Promise<Set<string>> =>
  new Set(
    (
      await pool.query<{ call_id: string }>(
        `SELECT DISTINCT call_id FROM transcript_fragments
         WHERE source = $1 AND speaker = 'customer' AND text ~* $2`,
        [source, `\\m${word}\\M`],
      )
    ).rows.map((r) => r.call_id),
  );

/**
 * `calls` generated calls stored through the writer's own code path, a rule stored and
 * replayed with --apply, then edited and replayed again: calls/s of the second replay,
 * and its diff checked against a brute-force query.
 */
export const benchReplay = async ({
  databaseUrl,
  calls,
  log,
}: {
  databaseUrl: string;
  calls: number;
  log: (l: string) => void;
}): Promise<ReplayFigures> => {
  const pool = createPool({ connectionString: databaseUrl, max: 4 });
  try {
    const source = 'bench:replay';
    const events = eventsOf(calls, 9, source, 1_900_000_000);
    for (let i = 0; i < events.length; i += 5_000) {
      const chunk = events
        .slice(i, i + 5_000)
        .map((event, j) => ({ event, partition: 0, offset: String(i + j) }));
      await inTransaction(pool, async (client) => {
        await writeCallEvents(client, chunk);
        await refreshCallFigures(
          client,
          chunk.flatMap((c) => (c.event.call ? [c.event.call] : [])),
        );
      });
    }
    await pool.query('ANALYZE');
    log(`replay: ${calls} calls (${events.length} events) stored`);
    const said = (word: string) =>
      validateRule(
        {
          name: 'bench-replay',
          severity: 'low',
          when: { said: { terms: [word], speaker: 'customer' } },
        },
        { lists: [] },
      );
    const store = async (word: string) => {
      const rule = said(word);
      if (!rule.ok) throw new Error('bench rule invalid');
      await putRule(pool, toRuleRecord(rule.value));
    };
    await store('cancel');
    await replayRule({ pool, name: 'bench-replay', apply: true });
    await store('manager');
    if ((await getRule(pool, 'bench-replay'))?.version !== 2) throw new Error('rule not edited');
    const report = await replayRule({
      pool,
      name: 'bench-replay',
      onProgress: (n) => {
        if (n % 2_000 === 0) log(`replay: ${n}/${calls} calls`);
      },
    });
    const [was, now] = [
      await bruteForce(pool, source, 'cancel'),
      await bruteForce(pool, source, 'manager'),
    ];
    const added = [...now].filter((c) => !was.has(c)).length;
    const removed = [...was].filter((c) => !now.has(c)).length;
    return {
      calls: report.scanned,
      seconds: Number(report.seconds.toFixed(2)),
      callsPerSecond: Math.round(report.scanned / report.seconds),
      added: report.added.count,
      removed: report.removed.count,
      checked:
        report.added.count === added &&
        report.removed.count === removed &&
        report.matchedNow === now.size &&
        report.matchedStored === was.size,
    };
  } finally {
    await pool.end();
  }
};
