import { describe, expect, it } from 'vitest';
import { ruleSetOf } from '../testing/call-builder.js';
import { testCall, testCallLine } from './test-call.js';

// Bodies shaped like the provider's examples (/work/shared/provider-examples).
const call = { from: '+905555555555', to: '+905555555554', direction: 'outbound' };
const flat = { ...call, source: 'salprebox:SALPRE_AABBCCDD', call_id: 1 };
const nested = { ...call, source: 'salprebox:SALPRE_AABBCCDD', id: 1 };
const T = 1760084505;

const lifecycle = (event_type: string, s: number) => ({
  event_type,
  timestamp_utc: T + s,
  payload: flat,
  is_test: true,
});
const transcript = (s: number, type: string, text: string) => ({
  event_type: 'transcript',
  timestamp_utc: T + s,
  payload: { call: nested, type, transcript: text, timestamp_utc: '111111' },
  is_test: true,
});
const callEnded = (s: number, entries: [string, string][]) => ({
  event_type: 'call_ended',
  timestamp_utc: T + s,
  payload: {
    ...flat,
    transcript: entries.map(([type, message]) => ({ type, message, utc_timestamp: '111111' })),
  },
  is_test: true,
});

const rules = ruleSetOf([
  {
    name: 'retention-not-offered',
    when: {
      notFollowedBy: {
        first: { said: { list: 'churn' } },
        then: { said: { list: 'offer' } },
        withinSeconds: 60,
      },
    },
  },
  { name: 'missed-call', when: { event: 'missed' } },
]);

const bodies = [
  lifecycle('call_initiated', 0),
  lifecycle('call_answered', 5),
  transcript(10, 'ai', 'Hello, how can I help?'),
  transcript(20, 'customer', 'I want to cancel my contract'),
  transcript(90, 'ai', 'Sorry to hear that'),
  callEnded(100, [
    ['ai', 'Hello, how can I help?'],
    ['customer', 'I want to cancel my contract'],
    ['ai', 'Sorry to hear that'],
  ]),
];

describe('testCall', () => {
  it('normalizes the bodies and returns the reconciled matches', () => {
    expect(testCall(bodies, rules)).toEqual({
      source: 'salprebox:SALPRE_AABBCCDD',
      callId: '1',
      matches: [
        {
          rule: 'retention-not-offered',
          phase: 'live',
          status: 'confirmed',
          basis: 'event',
          atSecond: 80,
          evidence: [
            {
              speaker: 'customer',
              text: 'I want to cancel my contract',
              start: 10,
              end: 16,
              atSecond: 20,
              eventId: expect.stringMatching(/^sha256:/) as string,
            },
          ],
        },
      ],
    });
  });

  it('treats a body delivered twice as one event', () => {
    const twice = [...bodies.slice(0, 4), bodies[3], ...bodies.slice(4)];
    expect(testCall(twice, rules)).toEqual(testCall(bodies, rules));
  });

  it('times junk final-transcript entries without live fragments by position', () => {
    // One entry, no answer: halfway between call start and end (50 s); the 60 s wait is
    // cut short by the end.
    const result = testCall(
      [lifecycle('call_initiated', 0), callEnded(100, [['customer', 'cancel now']])],
      rules,
    );
    expect(result.matches.map((m) => [m.rule, m.phase, m.atSecond])).toEqual([
      ['retention-not-offered', 'final', 100],
      ['missed-call', 'final', 100],
    ]);
  });

  it('reports bodies it cannot use and explains on request', () => {
    const result = testCall([...bodies, { event_type: 'transcript' }], rules, { explain: true });
    expect(result.problems).toEqual([expect.stringMatching(/^\[6\]: transcript: /)]);
    expect(result.explain).toEqual([
      'retention-not-offered@1 (high): live confirmed at 80s (basis event)',
      '  first, not followed within 60s by then: holds at 80s',
      '    first: said "churn" by customer: holds at 20s',
      '    then: said "offer" by ai: never holds',
      'missed-call@1 (high): no match',
      '  event missed: never holds',
    ]);
  });
});

describe('testCall: bodies it leaves out are named', () => {
  it('reports a time no date can hold instead of failing the whole run', () => {
    // Microseconds: beyond what a Date can hold, where milliseconds are only too big.
    const late = { ...transcript(30, 'customer', 'cancel'), timestamp_utc: T * 1_000_000 };
    const result = testCall([...bodies.slice(0, 4), late, ...bodies.slice(4)], rules);
    expect(result.problems).toEqual([expect.stringMatching(/^\[4\]: transcript: timestamp_utc/)]);
    expect(result.matches).toEqual(testCall(bodies, rules).matches);
  });

  it('names an event type it does not know, and fragments past the per-call limit', () => {
    const typo = lifecycle('call_answerd', 6);
    expect(testCall([bodies[0], typo], rules).problems).toEqual([
      '[1]: unknown event_type "call_answerd"',
    ]);
    const small = { ...rules, maxFragments: 2 };
    expect(testCall(bodies, small).problems).toEqual([
      '1 transcript fragments after the first 2 left out (rules read at most 2 per call)',
    ]);
  });
});

describe('testCallLine', () => {
  it('refuses JSON nested deeper than a webhook body may be, without exhausting the stack', () => {
    const deep = `[{"event_type":"x","payload":${'['.repeat(5_000)}${']'.repeat(5_000)}}]`;
    expect(testCallLine(deep, rules)).toEqual({
      ok: false,
      error: 'JSON nests deeper than 64 levels',
    });
  });

  it('reads a line that starts with a byte-order mark', () => {
    expect(testCallLine(`\uFEFF${JSON.stringify(bodies)}`, rules)).toEqual({
      ok: true,
      value: testCall(bodies, rules),
    });
  });

  it('reads one JSON line, and says what is wrong with a bad one', () => {
    expect(testCallLine(JSON.stringify(bodies), rules).ok).toBe(true);
    expect(testCallLine('{"not": "an array"}', rules)).toEqual({
      ok: false,
      error: 'expected a JSON array of webhook bodies',
    });
    expect(testCallLine('[', rules).ok).toBe(false);
  });
});
