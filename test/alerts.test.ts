import { randomBytes } from 'node:crypto';
import { encodeRuleMatchMessage, type RuleMatchMessage } from '@callpulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertBody } from '@callpulse/alerts';
import { groupCaughtUp } from './support/alerts.js';
import { startReceiver, verifyStandardWebhook } from './support/receiver.js';
import {
  apiRequest,
  postWebhook,
  printLogsOnFailure,
  startStack,
  waitForAnalyzerConfig,
  type TestStack,
} from './support/stack.js';
import { waitFor } from './support/wait-for.js';

const hex = () => randomBytes(3).toString('hex');
const secret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** A call's webhooks as the provider sends them. */
const callOf = (source: string, callId: number, start: number) => {
  const flat = {
    call_id: callId,
    from: '+15550001',
    to: '+15550002',
    direction: 'inbound',
    source,
  };
  const nested = { id: callId, from: '+15550001', to: '+15550002', direction: 'inbound', source };
  return {
    lifecycle: (event_type: string, at: number) => ({
      event_type,
      timestamp_utc: start + at,
      payload: flat,
      is_test: false,
    }),
    error: (at: number, message: string) => ({
      event_type: 'error',
      timestamp_utc: start + at,
      payload: { call: nested, error_message: message },
      is_test: false,
    }),
    end: (at: number) => ({
      event_type: 'call_ended',
      timestamp_utc: start + at,
      payload: { ...flat, transcript: [] },
      is_test: false,
    }),
  };
};

const ok = async (res: Response | Promise<Response>) => {
  const r = await res;
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return r;
};

/**
 * Everything posted so far has been analyzed, every match it produced has been turned
 * into deliveries, and no delivery of these destinations is still waiting to be sent.
 */
const settled = async (stack: TestStack, destinations: string[]) =>
  waitFor(
    async () => {
      if (!(await groupCaughtUp(stack, `${stack.prefix}analyzer`, `${stack.prefix}call-events`)))
        return false;
      if (!(await groupCaughtUp(stack, `${stack.prefix}notifier`, `${stack.prefix}rule-matches`)))
        return false;
      const { rows } = await stack.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM alert_deliveries WHERE destination = ANY($1) AND state = 'pending'`,
        [destinations],
      );
      return rows[0]?.n === '0';
    },
    { timeoutMs: 90_000, what: 'the pipeline and the notifier to settle' },
  );

describe('alerts: rule matches reach webhooks and Slack, signed, once', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(['writer', 'analyzer', 'ingest', 'api', 'notifier'], {
      env: {
        analyzer: { RULES_ALLOWED_LATENESS_S: '1', RULES_SWEEP_MS: '200' },
        // Every receiver in these tests listens on 127.0.0.1.
        api: { ALERTS_ALLOW_PRIVATE_URLS: 'true' },
        notifier: {
          ALERTS_ALLOW_PRIVATE_URLS: 'true',
          ALERTS_RETRY_BASE_MS: '200',
          ALERTS_RETRY_MAX_MS: '2000',
          ALERTS_TIMEOUT_MS: '5000',
          // The alerts here are checked for the call's numbers: wait for the writer to
          // store them however busy the machine is (500 ms was missed under load).
          ALERTS_CALL_WAIT_MS: '120000',
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('manages destinations: fields named, secrets and Slack tokens never shown, names checked by rules', async () => {
    const id = hex();
    const bad = await apiRequest(stack, 'PUT', `/destinations/hook-${id}`, {
      type: 'webhook',
      url: 'ftp://example.com/x',
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { fields: { field: string }[] }).fields.map(
      (f) => f.field,
    );
    expect(fields.sort()).toEqual(['secret', 'url']);

    const key = secret();
    await ok(
      apiRequest(stack, 'PUT', `/destinations/hook-${id}`, {
        type: 'webhook',
        url: 'http://127.0.0.1:9/in',
        secret: key,
      }),
    );
    await ok(
      apiRequest(stack, 'PUT', `/destinations/slack-${id}`, {
        type: 'slack',
        url: 'http://127.0.0.1:9/services/T0001/B0002/sEcReTtOkEn',
      }),
    );
    const listed = await (await apiRequest(stack, 'GET', '/destinations')).text();
    expect(listed).not.toContain(key.slice(6, 30));
    expect(listed).not.toContain('sEcReTtOkEn');
    expect(await (await apiRequest(stack, 'GET', `/destinations/slack-${id}`)).json()).toEqual({
      name: `slack-${id}`,
      type: 'slack',
      url: 'http://127.0.0.1:9/services/T0001/B0002/***',
      secretSet: false,
      enabled: true,
      ratePerSecond: null,
      burst: null,
    });

    const rule = {
      severity: 'low',
      when: { event: 'missed' },
      notify: [`hook-${id}`, `nope-${id}`],
    };
    const refused = await apiRequest(stack, 'PUT', `/rules/r-${id}`, rule);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      fields: [{ field: 'notify[1]', message: `unknown destination "nope-${id}"` }],
    });
    await ok(apiRequest(stack, 'PUT', `/rules/r-${id}`, { ...rule, notify: [`hook-${id}`] }));
    expect((await apiRequest(stack, 'DELETE', `/destinations/hook-${id}`)).status).toBe(409);
    expect((await apiRequest(stack, 'DELETE', `/rules/r-${id}`)).status).toBe(204);
    expect((await apiRequest(stack, 'DELETE', `/destinations/hook-${id}`)).status).toBe(204);
    expect((await apiRequest(stack, 'GET', `/destinations/hook-${id}`)).status).toBe(404);
    const noSince = await apiRequest(stack, 'GET', '/alerts');
    expect(noSince.status).toBe(400);
    expect(await noSince.json()).toMatchObject({
      fields: [{ field: 'since', message: 'required unless call is given' }],
    });
  });

  it('sends one signed alert per destination for a missed call and an error call, and none for a repeat or a replayed batch', async () => {
    const id = hex();
    const hook = await startReceiver();
    const slack = await startReceiver();
    const key = secret();
    const names = { hook: `hook-${id}`, slack: `slack-${id}` };
    await ok(
      apiRequest(stack, 'PUT', `/destinations/${names.hook}`, {
        type: 'webhook',
        url: hook.url('/alerts'),
        secret: key,
      }),
    );
    await ok(
      apiRequest(stack, 'PUT', `/destinations/${names.slack}`, {
        type: 'slack',
        url: slack.url('/services/T1/B1/token'),
      }),
    );
    const notify = [names.hook, names.slack];
    const rules = { missed: `missed-${id}`, error: `error-${id}` };
    await ok(
      apiRequest(stack, 'PUT', `/rules/${rules.missed}`, {
        severity: 'medium',
        when: { event: 'missed' },
        notify,
      }),
    );
    await ok(
      apiRequest(stack, 'PUT', `/rules/${rules.error}`, {
        severity: 'high',
        when: { event: 'error' },
        notify,
      }),
    );
    await waitForAnalyzerConfig(stack);

    const source = `alerts:${id}`;
    const start = Math.floor(Date.now() / 1000) - 60;
    const missed = callOf(source, 1, start);
    const failed = callOf(source, 2, start);
    const missedEnd = missed.end(30);
    for (const body of [
      missed.lifecycle('call_initiated', 0),
      missed.lifecycle('call_ringing', 1),
      missedEnd,
      failed.lifecycle('call_initiated', 0),
      failed.error(3, 'SIP 503 from carrier'),
    ])
      await ok(postWebhook(stack, body));

    await waitFor(() => hook.received.length >= 2 && slack.received.length >= 2, {
      timeoutMs: 60_000,
      what: 'two alerts at each receiver',
    });
    await settled(stack, Object.values(names));

    const bodies = hook.received.map((r) => verifyStandardWebhook(key, r) as AlertBody);
    expect(
      bodies.map((b) => [b.type, b.rule.name, b.call.callId, b.call.source, b.status]).sort(),
    ).toEqual(
      [
        ['rule.matched', rules.missed, '1', source, 'fired'],
        ['rule.matched', rules.error, '2', source, 'fired'],
      ].sort(),
    );
    const errorAlert = bodies.find((b) => b.rule.name === rules.error);
    expect(errorAlert).toMatchObject({
      rule: { version: 1, severity: 'high' },
      call: { from: '+15550001', to: '+15550002', direction: 'inbound' },
      isTest: false,
    });
    expect(errorAlert?.links.call).toContain(`/calls/${encodeURIComponent(source)}/2`);
    for (const r of slack.received) {
      const message = JSON.parse(r.body) as { text: string; blocks: { type: string }[] };
      expect(message.text).toMatch(
        new RegExp(`(${rules.missed}|${rules.error}) matched on call [12]`),
      );
      expect(message.blocks.map((b) => b.type)).toContain('section');
    }
    const ids = [...hook.received, ...slack.received].map((r) => String(r.headers['webhook-id']));
    expect(new Set(ids).size).toBe(4);

    // The provider retries call_ended; the rule-matches topic is read again from the start.
    await ok(postWebhook(stack, missedEnd));
    await ok(postWebhook(stack, { ...missedEnd, timestamp_utc: missedEnd.timestamp_utc + 1 }));
    const replayed = stack.kafka.producer();
    await replayed.connect();
    // Rules other tests left in the shared database may match these calls too.
    const matches = await stack.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM rule_matches WHERE source = $1 AND rule_name = ANY($2)',
      [source, Object.values(rules)],
    );
    expect(Number(matches.rows[0]?.n)).toBe(2);
    await replayed.send({
      topic: `${stack.prefix}rule-matches`,
      messages: await replayOf(stack, source),
    });
    await replayed.disconnect();
    await settled(stack, Object.values(names));

    expect(hook.received).toHaveLength(2);
    expect(slack.received).toHaveLength(2);
    const ledger = await stack.pool.query<{ destination: string; state: string; attempts: number }>(
      `SELECT destination, state, attempts FROM alert_deliveries WHERE source = $1 ORDER BY destination`,
      [source],
    );
    expect(ledger.rows.map((r) => [r.destination, r.state, r.attempts])).toEqual([
      [names.hook, 'delivered', 1],
      [names.hook, 'delivered', 1],
      [names.slack, 'delivered', 1],
      [names.slack, 'delivered', 1],
    ]);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const api = (await (
      await apiRequest(stack, 'GET', `/alerts?since=${since}&call=${encodeURIComponent(source)}/2`)
    ).json()) as { alerts: { deliveryId: string; state: string; latencyMs: number }[] };
    expect(api.alerts.map((a) => a.state)).toEqual(['delivered', 'delivered']);
    expect(ids).toEqual(expect.arrayContaining(api.alerts.map((a) => a.deliveryId)));
    // The link the alert itself carries (no since) lists the same deliveries.
    const link = new URL(errorAlert?.links.alerts ?? '');
    const linked = await apiRequest(stack, 'GET', `${link.pathname}${link.search}`);
    expect(linked.status).toBe(200);
    const listed = ((await linked.json()) as { alerts: { deliveryId: string }[] }).alerts;
    expect(listed.map((a) => a.deliveryId)).toEqual(api.alerts.map((a) => a.deliveryId));
    const view = await stack.pool.query<{ call_id: string; alerts_sent: string[] }>(
      'SELECT call_id, alerts_sent FROM call_alerts WHERE source = $1 ORDER BY call_id',
      [source],
    );
    expect(view.rows.map((r) => [r.call_id, [...r.alerts_sent].sort()])).toEqual([
      ['1', [`${rules.missed} -> ${names.hook}`, `${rules.missed} -> ${names.slack}`]],
      ['2', [`${rules.error} -> ${names.hook}`, `${rules.error} -> ${names.slack}`]],
    ]);
    // The call's JSON (and its page in the web UI) lists the alerts that went out.
    const call = (await (
      await apiRequest(stack, 'GET', `/calls/${encodeURIComponent(source)}/2`)
    ).json()) as { alerts: { rule_name: string; destination: string; status: string }[] };
    expect(call.alerts.map((a) => [a.rule_name, a.destination, a.status]).sort()).toEqual(
      [
        [rules.error, names.hook, 'delivered'],
        [rules.error, names.slack, 'delivered'],
      ].sort(),
    );
  });
});

/** The rule-match messages the analyzer published for `source`, rebuilt as a replayed batch. */
const replayOf = async (stack: TestStack, source: string) => {
  const { rows } = await stack.pool.query<{ m: RuleMatchMessage }>(
    `SELECT json_build_object('matchId', source || '/' || call_id || '/' || rule_name || '@' || rule_version,
       'source', source, 'callId', call_id, 'isTest', is_test, 'rule', rule_name,
       'ruleVersion', rule_version, 'severity', severity, 'phase', phase, 'status', status,
       'basis', basis, 'atSecond', at_second,
       'matchedAt', to_char(matched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'decidedAt', to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'evidence', evidence, 'trigger', json_build_object('eventId', null, 'receivedAt', null),
       'notify', COALESCE((SELECT notify FROM rules WHERE name = rule_name), '{}'),
       'notifyOn', json_build_array('fired'), 'origin', origin) AS m
     FROM rule_matches WHERE source = $1`,
    [source],
  );
  return rows.map((r) => ({
    key: `${r.m.source}/${r.m.callId}`,
    value: encodeRuleMatchMessage(r.m),
  }));
};
