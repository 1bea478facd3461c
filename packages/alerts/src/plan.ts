import type { RuleMatchMessage } from '@callpulse/contracts';

export const ALERT_KINDS = ['rule.matched', 'rule.retracted'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * What a rule-matches message asks to be sent: one `rule.matched` alert per destination
 * for the first status the rule notifies on (`fired` by default; a later `confirmed` is the
 * same alert and sends nothing more), and a `rule.retracted` follow-up only when the rule
 * lists "retracted" (the store sends it only where the match was alerted). Matches stored
 * by a replay are never notified.
 */
export const planAlerts = (m: RuleMatchMessage): { kind: AlertKind; destination: string }[] => {
  if (m.origin !== 'live' || m.notify.length === 0 || !m.notifyOn.includes(m.status)) return [];
  const kind: AlertKind = m.status === 'retracted' ? 'rule.retracted' : 'rule.matched';
  return [...new Set(m.notify)].map((destination) => ({ kind, destination }));
};
