import { z } from 'zod';
import { decodeVersioned } from './codec.js';
import type { Result } from './result.js';
import {
  MATCH_BASES,
  MATCH_PHASES,
  MATCH_STATUSES,
  severitySchema,
  speakerSchema,
} from './vocabulary.js';

/** What the analyzer publishes to the rule-matches topic, keyed like the call. */
export const RULE_MATCH_MESSAGE_VERSION = 1;

const evidence = z.object({
  speaker: speakerSchema,
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  atSecond: z.number(),
  eventId: z.string().optional(),
});

export const ruleMatchMessageSchema = z.object({
  /** Stable for a call and a rule version, whatever its status: `source/callId/rule@version`. */
  matchId: z.string().min(1),
  source: z.string().min(1),
  callId: z.string().min(1),
  isTest: z.boolean(),
  rule: z.string().min(1),
  ruleVersion: z.number().int().positive(),
  severity: severitySchema,
  phase: z.enum(MATCH_PHASES),
  status: z.enum(MATCH_STATUSES),
  basis: z.enum(MATCH_BASES),
  /** Provider seconds since call start at which the condition became true. */
  atSecond: z.number(),
  /** The same moment as a time, when the call's start is known. */
  matchedAt: z.iso.datetime().nullable(),
  /** Our clock when the analyzer decided it. */
  decidedAt: z.iso.datetime(),
  evidence: z.array(evidence),
  /** The event whose arrival decided it (none for a sweep), with ingest's receive time. */
  trigger: z.object({ eventId: z.string().nullable(), receivedAt: z.iso.datetime().nullable() }),
  /** Destinations and the statuses that notify them (the alerts' business). */
  notify: z.array(z.string()),
  notifyOn: z.array(z.enum(MATCH_STATUSES)),
  /** 'replay': stored by `rules replay --apply`, never notified. */
  origin: z.enum(['live', 'replay']),
});

export type RuleMatchMessage = z.infer<typeof ruleMatchMessageSchema>;

export const encodeRuleMatchMessage = (message: RuleMatchMessage): string =>
  JSON.stringify({ v: RULE_MATCH_MESSAGE_VERSION, event: message });

export const decodeRuleMatchMessage = (value: Buffer | string | null): Result<RuleMatchMessage> =>
  decodeVersioned(value, RULE_MATCH_MESSAGE_VERSION, ruleMatchMessageSchema);
