import type { RuleMatchMessage } from '@callpulse/contracts';
import type { RuleMatch } from './types.js';

/**
 * A decided match as the rule-matches topic and the rule_matches table carry it. The id
 * is stable for a call and a rule version, whatever the status: receivers and the store
 * recognise a repeat by it.
 */
export const toMatchMessage = ({
  match,
  call,
  isTest,
  callStart,
  decidedAt,
  trigger = { eventId: null, receivedAt: null },
  notify = [],
  notifyOn = ['fired'],
  origin = 'live',
}: {
  match: RuleMatch;
  call: { source: string; callId: string };
  isTest: boolean;
  /** The call's start, Unix seconds (provider time), when known. */
  callStart: number | null;
  decidedAt: Date;
  trigger?: RuleMatchMessage['trigger'];
  notify?: string[];
  notifyOn?: RuleMatchMessage['notifyOn'];
  origin?: RuleMatchMessage['origin'];
}): RuleMatchMessage => ({
  matchId: `${call.source}/${call.callId}/${match.rule}@${match.ruleVersion}`,
  source: call.source,
  callId: call.callId,
  isTest,
  rule: match.rule,
  ruleVersion: match.ruleVersion,
  severity: match.severity,
  phase: match.phase,
  status: match.status,
  basis: match.basis,
  atSecond: match.atSecond,
  matchedAt:
    callStart === null ? null : new Date((callStart + match.atSecond) * 1000).toISOString(),
  decidedAt: decidedAt.toISOString(),
  evidence: match.evidence.map((e) => ({ ...e })),
  trigger,
  notify,
  notifyOn,
  origin,
});
