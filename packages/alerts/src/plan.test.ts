import type { RuleMatchMessage } from '@callpulse/contracts';
import { describe, expect, it } from 'vitest';
import { planAlerts } from './plan.js';
import { renderAlert, renderSlack } from './render.js';

const match = (over: Partial<RuleMatchMessage> = {}): RuleMatchMessage => ({
  matchId: 's/1/r@1',
  source: 's',
  callId: '1',
  isTest: false,
  rule: 'r',
  ruleVersion: 1,
  severity: 'high',
  phase: 'live',
  status: 'fired',
  basis: 'event',
  atSecond: 3,
  matchedAt: null,
  decidedAt: '2026-11-29T02:00:00.000Z',
  evidence: [{ speaker: 'customer', text: 'I <hate> this & that', start: 0, end: 5, atSecond: 3 }],
  trigger: { eventId: null, receivedAt: null },
  notify: ['a', 'b', 'a'],
  notifyOn: ['fired'],
  origin: 'live',
  ...over,
});

describe('planAlerts', () => {
  it('sends the fired match once per destination', () => {
    expect(planAlerts(match())).toEqual([
      { kind: 'rule.matched', destination: 'a' },
      { kind: 'rule.matched', destination: 'b' },
    ]);
  });

  it('sends nothing for confirmed or retracted unless the rule asks, and never for a replay', () => {
    expect(planAlerts(match({ status: 'confirmed' }))).toEqual([]);
    expect(planAlerts(match({ status: 'retracted' }))).toEqual([]);
    expect(planAlerts(match({ origin: 'replay' }))).toEqual([]);
    expect(planAlerts(match({ notify: [] }))).toEqual([]);
    expect(
      planAlerts(match({ status: 'retracted', notify: ['a'], notifyOn: ['fired', 'retracted'] })),
    ).toEqual([{ kind: 'rule.retracted', destination: 'a' }]);
    // Only "confirmed" listed: the alert waits for the final pass, and is the same alert.
    expect(
      planAlerts(match({ status: 'confirmed', notify: ['a'], notifyOn: ['confirmed'] })),
    ).toEqual([{ kind: 'rule.matched', destination: 'a' }]);
  });
});

describe('alert bodies', () => {
  const body = renderAlert({
    match: match(),
    kind: 'rule.matched',
    call: {
      from: '+1',
      to: '+2',
      direction: 'inbound',
      startedAt: null,
      customer: { average: -0.31, fragments: 2 },
    },
    apiUrl: 'http://api.example/',
  });

  it('carries the contract fields', () => {
    expect(body).toMatchObject({
      type: 'rule.matched',
      rule: { name: 'r', version: 1, severity: 'high' },
      call: {
        source: 's',
        callId: '1',
        from: '+1',
        to: '+2',
        direction: 'inbound',
        startedAt: null,
      },
      phase: 'live',
      status: 'fired',
      basis: 'event',
      sentiment: { customer: { average: -0.31, label: 'negative', fragments: 2 } },
      links: { call: 'http://api.example/calls/s/1' },
    });
  });

  it('escapes Slack control characters in what callers said', () => {
    const slack = renderSlack(body);
    expect(slack.text).toBe('[HIGH] r matched on call 1 (s)');
    expect(JSON.stringify(slack.blocks)).toContain('I &lt;hate&gt; this &amp; that');
    expect(JSON.stringify(slack.blocks)).not.toContain('<hate>');
  });
});
