import type { KeywordList } from '@callpulse/analysis';
import { compileRules, type RuleSet } from '../compile/compile-rules.js';
import { validateRules } from '../schema/validate-rule.js';
import type { FinalEntry, RuleEvent } from '../state/rule-event.js';

// Builders for unit tests: calls as events at provider seconds since a fixed start.

export const T0 = 1_760_084_500;

export const iso = (second: number): string => new Date((T0 + second) * 1000).toISOString();

export const initiated = (s = 0): RuleEvent => ({
  type: 'call_initiated',
  eventId: `initiated-${s}`,
  occurredAt: iso(s),
});

export const answered = (s: number): RuleEvent => ({
  type: 'call_answered',
  eventId: `answered-${s}`,
  occurredAt: iso(s),
});

export const failed = (s: number): RuleEvent => ({
  type: 'error',
  eventId: `error-${s}`,
  occurredAt: iso(s),
});

/** An event that says nothing but shows provider time has reached `s`. */
export const tick = (s: number): RuleEvent => ({
  type: 'call_ringing',
  eventId: `tick-${s}`,
  occurredAt: iso(s),
});

export const say = (s: number, speaker: string, text: string, eventId?: string): RuleEvent => ({
  type: 'transcript',
  eventId: eventId ?? `say-${s}-${speaker}-${text}`,
  occurredAt: iso(s),
  transcript: { speaker, text },
});

export const ended = (s: number, finalTranscript: readonly FinalEntry[]): RuleEvent => ({
  type: 'call_ended',
  eventId: `ended-${s}`,
  occurredAt: iso(s),
  finalTranscript,
});

/** call_ended whose final transcript is the call's transcript events, with good times. */
export const endedWithTranscript = (s: number, events: readonly RuleEvent[]): RuleEvent =>
  ended(
    s,
    events.flatMap((e) =>
      e.type === 'transcript'
        ? [
            {
              speaker: e.transcript.speaker,
              text: e.transcript.text,
              timestamp: String(Date.parse(e.occurredAt) / 1000),
            },
          ]
        : [],
    ),
  );

export const churnList: KeywordList = {
  name: 'churn',
  speakers: ['customer'],
  enabled: true,
  terms: [
    { term: 'cancel', match: 'stem' },
    { term: 'switch provider', match: 'phrase', slop: 1 },
  ],
};

export const offerList: KeywordList = {
  name: 'offer',
  speakers: ['ai'],
  enabled: true,
  terms: [
    { term: 'discount', match: 'stem' },
    { term: 'special offer', match: 'phrase', slop: 0 },
  ],
};

/** Validates and compiles rules for a test, failing loudly on a bad one. */
export const ruleSetOf = (
  rules: unknown[],
  lists: readonly KeywordList[] = [churnList, offerList],
): RuleSet => {
  const withDefaults = rules.map((r, i) => ({ name: `r${i}`, severity: 'high', ...(r as object) }));
  const valid = validateRules(withDefaults, { lists: lists.map((l) => l.name) });
  if (!valid.ok) throw new Error(valid.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return compileRules(valid.value, { lists }).ruleSet;
};

/** A rule set of one rule whose condition is `when`. */
export const oneRule = (when: unknown, lists?: readonly KeywordList[]): RuleSet =>
  ruleSetOf([{ name: 'r', when }], lists);
