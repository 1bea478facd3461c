import type { RuleMatchMessage } from '@callpulse/contracts';
import type { AlertKind } from './plan.js';

/** What the store knows about the call when the alert is made; null where it does not. */
export interface CallContext {
  from: string | null;
  to: string | null;
  direction: string | null;
  startedAt: string | null;
  /** The customer's fragments so far: mean comparative score and how many. */
  customer: { average: number; fragments: number } | null;
}

export interface AlertBody {
  type: AlertKind;
  rule: { name: string; version: number; severity: string };
  call: {
    source: string;
    callId: string;
    from: string | null;
    to: string | null;
    direction: string | null;
    startedAt: string | null;
  };
  phase: string;
  status: string;
  basis: string;
  matchedAt: string | null;
  decidedAt: string;
  isTest: boolean;
  evidence: RuleMatchMessage['evidence'];
  sentiment: { customer: { average: number; label: string; fragments: number } | null };
  links: { call: string; alerts: string };
}

const labelOf = (average: number): string =>
  average > 0.05 ? 'positive' : average < -0.05 ? 'negative' : 'neutral';

/** The generic webhook's JSON body. `apiUrl` is where the operator's API answers. */
export const renderAlert = ({
  match: m,
  kind,
  call,
  apiUrl,
}: {
  match: RuleMatchMessage;
  kind: AlertKind;
  call: CallContext;
  apiUrl: string;
}): AlertBody => {
  const base = apiUrl.replace(/\/+$/, '');
  const path = `${encodeURIComponent(m.source)}/${encodeURIComponent(m.callId)}`;
  return {
    type: kind,
    rule: { name: m.rule, version: m.ruleVersion, severity: m.severity },
    call: {
      source: m.source,
      callId: m.callId,
      from: call.from,
      to: call.to,
      direction: call.direction,
      startedAt: call.startedAt,
    },
    phase: m.phase,
    status: m.status,
    basis: m.basis,
    matchedAt: m.matchedAt,
    decidedAt: m.decidedAt,
    isTest: m.isTest,
    evidence: m.evidence,
    sentiment: {
      customer: call.customer
        ? {
            average: Math.round(call.customer.average * 1000) / 1000,
            label: labelOf(call.customer.average),
            fragments: call.customer.fragments,
          }
        : null,
    },
    links: { call: `${base}/calls/${path}`, alerts: `${base}/alerts?call=${path}` },
  };
};

// Slack's mrkdwn treats these three as control characters.
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming-webhook message: `text` as the fallback, `blocks` for the layout. */
export const renderSlack = (body: AlertBody): { text: string; blocks: unknown[] } => {
  const verb = body.type === 'rule.retracted' ? 'retracted' : 'matched';
  const test = body.isTest ? ' [test]' : '';
  const text = `[${body.rule.severity.toUpperCase()}] ${body.rule.name} ${verb} on call ${body.call.callId} (${body.call.source})${test}`;
  const quote = body.evidence[0];
  const customer = body.sentiment.customer;
  const fields = [
    `*Rule*\n${esc(body.rule.name)} v${body.rule.version}`,
    `*Severity*\n${esc(body.rule.severity)}`,
    `*Call*\n${esc(body.call.callId)} (${esc(body.call.source)})`,
    `*From → To*\n${esc(body.call.from ?? '?')} → ${esc(body.call.to ?? '?')}`,
    `*Customer sentiment*\n${customer ? `${customer.label} (${customer.average})` : 'not scored yet'}`,
    `*Status*\n${esc(`${body.status} (${body.phase})`)}`,
  ];
  return {
    text: esc(text),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: text.slice(0, 150) } },
      { type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: f })) },
      ...(quote
        ? [
            {
              type: 'section',
              text: {
                type: 'mrkdwn',
                text: `> *${esc(quote.speaker)}:* ${esc(quote.text).slice(0, 2800)}`,
              },
            },
          ]
        : []),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `<${body.links.call}|Open the call>` }],
      },
    ],
  };
};
