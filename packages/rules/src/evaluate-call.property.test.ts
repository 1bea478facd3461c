import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCall } from './evaluate-call.js';
import { createCallState, type CallState } from './state/call-state.js';
import type { RuleEvent } from './state/rule-event.js';
import { evaluateNode } from './eval/evaluate-node.js';
import { firstOccurrence } from './eval/first-occurrence.js';
import type { CallView } from './eval/call-view.js';
import { liveView } from './eval/live-view.js';
import { finalView } from './final/final-view.js';
import { step, sweep } from './step.js';
import {
  answered,
  endedWithTranscript,
  failed,
  initiated,
  ruleSetOf,
  say,
  T0,
} from './testing/call-builder.js';
import type { RuleMatch } from './types.js';

// One rule per operator and the combinations the docs show, over a small vocabulary, so
// generated calls often land on edges (same second, exactly N seconds, N words).
const rules = ruleSetOf([
  { name: 'churn', when: { said: { list: 'churn' } } },
  { name: 'churn-twice', when: { said: { list: 'churn', atLeast: 2 } } },
  { name: 'goodbye-last', when: { said: { terms: ['bye'], window: { lastSeconds: 15 } } } },
  {
    name: 'no-notice',
    when: { not: { said: { terms: ['recorded'], window: { firstSeconds: 20 } } } },
  },
  { name: 'near', when: { near: { terms: ['cancel', 'account'], words: 1 } } },
  {
    name: 'retention-missing',
    when: {
      notFollowedBy: {
        first: { said: { list: 'churn' } },
        then: { said: { list: 'offer' } },
        withinSeconds: 15,
      },
    },
  },
  {
    name: 'retention-offered',
    when: {
      followedBy: {
        first: { said: { list: 'churn' } },
        then: { said: { list: 'offer' } },
        withinSeconds: 15,
      },
    },
  },
  { name: 'angry', when: { sentiment: { speaker: 'customer', below: -0.05, overLast: 2 } } },
  { name: 'happy', when: { sentiment: { speaker: 'any', above: 0.3, overLast: 1 } } },
  { name: 'missed', when: { event: 'missed' } },
  { name: 'errored', when: { event: 'error' } },
  { name: 'long', when: { longerThan: { seconds: 60 } } },
  {
    name: 'angry-and-churn',
    when: {
      all: [
        { said: { list: 'churn' } },
        { any: [{ sentiment: { speaker: 'customer', below: 0 } }] },
      ],
    },
  },
  { name: 'never-offered', when: { not: { said: { list: 'offer' } } } },
  // Halves known only at the end (a `lastSeconds` window) inside the combinators.
  {
    name: 'bye-after-churn',
    when: {
      followedBy: {
        first: { said: { list: 'churn' } },
        then: { said: { terms: ['bye'], window: { lastSeconds: 15 } } },
        withinSeconds: 30,
      },
    },
  },
  {
    name: 'churn-and-late-bye',
    when: {
      all: [{ said: { list: 'churn' } }, { said: { terms: ['bye'], window: { lastSeconds: 10 } } }],
    },
  },
]);

const T0_UNIX = T0;

const WORDS = ['cancel', 'account', 'discount', 'terrible', 'great', 'recorded', 'bye', 'ok'];

const callArb: fc.Arbitrary<GeneratedCall> = fc.record({
  answerAt: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  fragments: fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 12 }),
      speaker: fc.constantFrom('customer', 'ai'),
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
    }),
    { maxLength: 10 },
  ),
  errorAt: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
  tail: fc.integer({ min: 0, max: 30 }),
});

interface GeneratedCall {
  answerAt: number | null;
  fragments: { gap: number; speaker: string; words: string[] }[];
  errorAt: number | null;
  tail: number;
}

/** The call's events in provider-time order, and its call_ended with a faithful transcript. */
const build = (call: GeneratedCall) => {
  let t = call.answerAt ?? 0;
  const talk = call.fragments.map((f, i) => {
    t += f.gap;
    return say(t, f.speaker, f.words.join(' '), `t${i}`);
  });
  const lifecycle: RuleEvent[] = [initiated(0)];
  if (call.answerAt !== null) lifecycle.push(answered(call.answerAt));
  if (call.errorAt !== null) lifecycle.push(failed(call.errorAt));
  const end = Math.max(t, call.errorAt ?? 0) + call.tail;
  const time = (e: RuleEvent) => Date.parse(e.occurredAt);
  const live = [...lifecycle, ...talk].sort((a, b) => time(a) - time(b));
  return { live, lifecycle, end: endedWithTranscript(end, talk) };
};

/** What a settled match says about the call, whichever way it was found. */
const held = (matches: readonly RuleMatch[]) =>
  matches
    .filter((m) => m.status !== 'retracted')
    .map((m) => ({
      rule: m.rule,
      atSecond: m.atSecond,
      evidence: m.evidence.map(({ eventId: _id, ...rest }) => rest),
    }))
    .sort((a, b) => a.rule.localeCompare(b.rule));

describe('live evaluation agrees with the whole call', () => {
  it('fed live and reconciled = whole-call mode on the final transcript', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(callArb, (call) => {
        const { live, lifecycle, end } = build(call);
        const fed = evaluateCall([...live, end], rules);
        const whole = evaluateCall([...lifecycle, end], rules);
        expect(held(fed.matches)).toEqual(held(whole.matches));
        for (const m of fed.matches) seen.add(`${m.rule}:${m.phase}`);
      }),
      { numRuns: 300, seed: 11 },
    );
    // Not vacuous: every rule matched some generated call, live where it can be.
    for (const rule of rules.rules) {
      // Missed calls, negations without a deadline and `lastSeconds` windows: at the end.
      const atEnd = [
        'goodbye-last',
        'missed',
        'never-offered',
        'bye-after-churn',
        'churn-and-late-bye',
      ];
      const live = atEnd.includes(rule.name) ? 'final' : 'live';
      expect(seen).toContain(`${rule.name}:${live}`);
    }
  });

  it('in provider-time order, no live match is retracted and each keeps its time', () => {
    fc.assert(
      fc.property(callArb, (call) => {
        const { live, end } = build(call);
        const fed = evaluateCall([...live, end], rules);
        const firedAt = new Map(
          fed.decisions
            .filter((d) => d.phase === 'live' && d.status === 'fired')
            .map((d) => [d.rule, d.atSecond]),
        );
        for (const match of fed.matches) {
          expect(match.status).not.toBe('retracted');
          if (match.phase === 'live') expect(match.atSecond).toBe(firedAt.get(match.rule));
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('shuffled and duplicated events still settle on the whole-call set', () => {
    fc.assert(
      fc.property(
        callArb.chain((call) => {
          const { live, lifecycle, end } = build(call);
          const withDuplicates = fc.subarray(live).map((dups) => [...live, ...dups]);
          return fc.tuple(
            fc.constant({ lifecycle, end }),
            withDuplicates.chain((e) =>
              fc.shuffledSubarray(e, { minLength: e.length, maxLength: e.length }),
            ),
          );
        }),
        ([{ lifecycle, end }, events]) => {
          const fed = evaluateCall([...events, end], rules);
          const whole = evaluateCall([...lifecycle, end], rules);
          expect(held(fed.matches)).toEqual(held(whole.matches));
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
  it('live fragments lost or reworded still settle on the whole-call set', () => {
    fc.assert(
      fc.property(
        callArb.chain((call) => {
          const { live, lifecycle, end } = build(call);
          // Some fragments never arrive live; some arrive worded otherwise than in the
          // final transcript (the provider's final pass corrects its live transcription).
          return fc.tuple(
            fc.constant({ lifecycle, end }),
            fc.subarray(live.filter((e) => e.type === 'transcript')),
            fc.array(fc.nat(), { maxLength: 3 }),
          );
        }),
        ([{ lifecycle, end }, kept, reworded]) => {
          const events = kept.map((e, i) =>
            e.type === 'transcript' && reworded.includes(i)
              ? { ...e, transcript: { ...e.transcript, text: `${e.transcript.text} terrible` } }
              : e,
          );
          const fed = evaluateCall([...lifecycle, ...events, end], rules);
          const whole = evaluateCall([...lifecycle, end], rules);
          expect(held(fed.matches)).toEqual(held(whole.matches));
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });
});

type Input = RuleEvent | { sweepTo: number };

/** A call's events, some of them twice, and a few sweeps, all shuffled; and its call_ended. */
const shuffledWithSweeps: fc.Arbitrary<[RuleEvent, Input[]]> = callArb.chain((call) => {
  const { live, end } = build(call);
  const withDuplicates = fc.subarray(live).map((dups) => [...live, ...dups]);
  const sweeps = fc.array(
    fc.integer({ min: 0, max: 120 }).map((sweepTo) => ({ sweepTo })),
    { maxLength: 4 },
  );
  return fc.tuple(
    fc.constant(end),
    fc
      .tuple(withDuplicates, sweeps)
      .map(([events, s]): Input[] => [...events, ...s])
      .chain((e) => fc.shuffledSubarray(e, { minLength: e.length, maxLength: e.length })),
  );
});

/** Feeds one event or sweep to a call's state. */
const feed = (state: CallState, input: Input) =>
  'sweepTo' in input ? sweep(state, T0_UNIX + input.sweepTo, rules) : step(state, input, rules);

describe('evaluating only the rules an event can affect', () => {
  /** Feeds events and sweeps; `everyRule` forgets what was evaluated, so all rules are. */
  const run = (inputs: readonly Input[], everyRule: boolean) => {
    let state: CallState = createCallState();
    const decisions: RuleMatch[] = [];
    for (const input of inputs) {
      const result = feed(everyRule ? { ...state, wake: undefined } : state, input);
      state = result.state;
      decisions.push(...result.decisions);
    }
    return decisions;
  };

  it('decides exactly what evaluating every rule at every step decides', () => {
    let waiting = 0;
    fc.assert(
      fc.property(shuffledWithSweeps, ([end, inputs]) => {
        const all = [...inputs, end];
        expect(run(all, false)).toEqual(run(all, true));
        const state = all.reduce<CallState>(
          (s, input) => ('sweepTo' in input ? s : step(s, input, rules).state),
          createCallState(),
        );
        // Rules left waiting (a timed one for a second or a fact, the others for a fact).
        if (state.wake?.set === rules.id) {
          waiting += rules.rules.filter(
            (rule) =>
              !state.fired.some((m) => m.rule === rule.name && m.ruleVersion === rule.version),
          ).length;
        }
      }),
      { numRuns: 400, seed: 14 },
    );
    // Not vacuous: rules were left waiting for a fact or a second, so later steps skipped them.
    expect(waiting).toBeGreaterThan(0);
  });
});

describe('what a call keeps from one event to the next', () => {
  // A state read back from JSON (a restart) keeps nothing but its fields: every step from
  // it reads the whole call again. Kept memos must decide exactly the same.
  const reread = (state: CallState): CallState => JSON.parse(JSON.stringify(state)) as CallState;

  it('decides what reading the whole call again at every step decides, branches included', () => {
    let decided = 0;
    let occurrences = 0;
    fc.assert(
      fc.property(
        shuffledWithSweeps,
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        ([end, inputs], branches) => {
          const all = [...inputs, end];
          let kept = createCallState();
          let fresh = createCallState();
          all.forEach((input, i) => {
            // A chunk fed again after a failed publish: the same state takes another event
            // first, and that result is thrown away.
            const sibling = all[i + 1];
            if (branches[i % branches.length] === true && sibling !== undefined)
              feed(kept, sibling);
            const a = feed(kept, input);
            const b = feed(reread(fresh), input);
            expect(a.decisions).toEqual(b.decisions);
            expect(reread(a.state)).toEqual(reread(b.state));
            decided += a.decisions.length;
            // Every occurrence of every condition, not only the first ones that fire: what
            // a rule fired on says nothing of what its memo read after that.
            const keptView = liveView(a.state, rules);
            const freshView = liveView(reread(b.state), rules);
            if (keptView !== null && a.state.endedAt === null) {
              for (const rule of rules.rules) {
                const outcome = evaluateNode(rule.when, keptView);
                expect(outcome).toEqual(evaluateNode(rule.when, freshView as CallView));
                occurrences += outcome.occurrences.length;
              }
            }
            kept = a.state;
            fresh = b.state;
          });
        },
      ),
      { numRuns: 300, seed: 16 },
    );
    expect(decided).toBeGreaterThan(0);
    expect(occurrences).toBeGreaterThan(decided);
  });
});

describe("a rule's first occurrence", () => {
  it('is the first of all its occurrences, at every step of generated calls and at the end', () => {
    let found = 0;
    const check = (view: CallView) => {
      for (const rule of rules.rules) {
        const first = firstOccurrence(rule.when, view);
        expect(first).toEqual(evaluateNode(rule.when, view).occurrences[0]);
        if (first !== undefined) found++;
      }
    };
    fc.assert(
      fc.property(callArb, (call) => {
        const { live, end } = build(call);
        let state = createCallState();
        for (const event of live) {
          state = step(state, event, rules).state;
          const view = liveView(state, rules);
          if (view !== null) check(view);
        }
        // The final pass's view, where `lastSeconds` windows are known.
        if (end.type !== 'call_ended') throw new Error('a generated call ends');
        const endedAt = Date.parse(end.occurredAt) / 1000;
        check(finalView({ ...state, endedAt }, end.finalTranscript, rules));
      }),
      { numRuns: 300, seed: 15 },
    );
    expect(found).toBeGreaterThan(0);
  });
});
