import { randomBytes } from 'node:crypto';
import { decodeRuleMatchMessage } from '@callpulse/contracts';
import { pruneRuleStates } from '@callpulse/db';
import { generateCalls } from '@callpulse/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTopic } from './support/kafka.js';
import { storedCount } from './support/ledger.js';
import {
  apiRequest,
  postWebhook,
  printLogsOnFailure,
  startStack,
  waitForAnalyzerConfig,
  type TestStack,
} from './support/stack.js';
import { stream } from './support/stream.js';
import { waitFor } from './support/wait-for.js';

const hex = () => randomBytes(3).toString('hex');

/** A call's webhooks at provider seconds from `start`, as the provider sends them. */
const callOf = (source: string, callId: number, start: number) => {
  const flat = { call_id: callId, from: '+1', to: '+2', direction: 'inbound', source };
  const nested = { id: callId, from: '+1', to: '+2', direction: 'inbound', source };
  return {
    lifecycle: (event_type: string, at: number) => ({
      event_type,
      timestamp_utc: start + at,
      payload: flat,
      is_test: false,
    }),
    say: (type: string, transcript: string, at: number) => ({
      event_type: 'transcript',
      timestamp_utc: start + at,
      payload: { call: nested, type, transcript },
      is_test: false,
    }),
    end: (at: number, transcript: [string, string][]) => ({
      event_type: 'call_ended',
      timestamp_utc: start + at,
      payload: { ...flat, transcript: transcript.map(([type, message]) => ({ type, message })) },
      is_test: false,
    }),
  };
};

const putRule = async (stack: TestStack, rule: Record<string, unknown> & { name: string }) => {
  const res = await apiRequest(stack, 'PUT', `/rules/${rule.name}`, rule);
  expect(res.status, JSON.stringify(await res.clone().json())).toBeLessThan(300);
};

/** The matches of `names` (other tests' rules see these calls too). */
const matchesOf = async (stack: TestStack, source: string, names: string[]) =>
  (
    await stack.pool.query<{
      call_id: string;
      rule_name: string;
      phase: string;
      status: string;
      basis: string;
      at_second: number;
    }>(
      `SELECT call_id, rule_name, phase, status, basis, at_second FROM rule_matches
       WHERE source = $1 AND rule_name = ANY($2) ORDER BY call_id, rule_name`,
      [source, names],
    )
  ).rows;

describe('rules: managed through the API, evaluated live, stored, replayed', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(undefined, {
      env: { analyzer: { RULES_ALLOWED_LATENESS_S: '1', RULES_SWEEP_MS: '200' } },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a bad rule naming the path, versions a changed one, and deletes', async () => {
    const name = `managed-${hex()}`;
    const unknownList = await apiRequest(stack, 'PUT', `/rules/${name}`, {
      severity: 'low',
      when: { said: { list: 'no-such-list' } },
    });
    expect(unknownList.status).toBe(400);
    expect(await unknownList.json()).toMatchObject({
      fields: [{ field: 'when.said.list', message: 'unknown keyword list "no-such-list"' }],
    });
    const badSeconds = await apiRequest(stack, 'PUT', `/rules/${name}`, {
      severity: 'low',
      when: {
        all: [
          { event: 'answered' },
          {
            notFollowedBy: {
              first: { event: 'answered' },
              then: { event: 'ended' },
              withinSeconds: -3,
            },
          },
        ],
      },
    });
    expect(badSeconds.status).toBe(400);
    const fields = ((await badSeconds.json()) as { fields: { field: string }[] }).fields;
    expect(fields.map((f) => f.field)).toEqual(['when.all[1].notFollowedBy.withinSeconds']);

    const rule = { severity: 'low', when: { event: 'answered' }, notify: [] };
    const created = await apiRequest(stack, 'PUT', `/rules/${name}`, rule);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name, version: 1, enabled: true });
    const same = await apiRequest(stack, 'PUT', `/rules/${name}`, rule);
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ version: 1 });
    const changed = await apiRequest(stack, 'PUT', `/rules/${name}`, { ...rule, severity: 'high' });
    expect(await changed.json()).toMatchObject({ version: 2, severity: 'high' });
    const all = (await (await apiRequest(stack, 'GET', '/rules')).json()) as {
      rules: { name: string }[];
    };
    expect(all.rules.map((r) => r.name)).toContain(name);
    expect((await apiRequest(stack, 'DELETE', `/rules/${name}`)).status).toBe(204);
    expect((await apiRequest(stack, 'GET', `/rules/${name}`)).status).toBe(404);
  });

  it('refuses to delete a keyword list that a rule reads, naming the rule', async () => {
    const id = hex();
    const list = `read-${id}`;
    const terms = { terms: [{ term: 'cancel', match: 'stem' }] };
    expect((await apiRequest(stack, 'PUT', `/keyword-lists/${list}`, terms)).status).toBe(201);
    const rule = `reader-${id}`;
    const when = { any: [{ event: 'error' }, { not: { said: { list, speaker: 'customer' } } }] };
    expect(
      (await apiRequest(stack, 'PUT', `/rules/${rule}`, { severity: 'low', when })).status,
    ).toBe(201);
    const refused = await apiRequest(stack, 'DELETE', `/keyword-lists/${list}`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: `keyword list "${list}" is read by rules ${rule}; change them first`,
    });
    expect((await apiRequest(stack, 'GET', `/keyword-lists/${list}`)).status).toBe(200);
    expect((await apiRequest(stack, 'DELETE', `/rules/${rule}`)).status).toBe(204);
    expect((await apiRequest(stack, 'DELETE', `/keyword-lists/${list}`)).status).toBe(204);
  });

  it('fires live, reconciles at the end and fills call_sentiment.rules_matched', async () => {
    const id = hex();
    const list = `leaving-${id}`;
    expect(
      (
        await apiRequest(stack, 'PUT', `/keyword-lists/${list}`, {
          speakers: ['customer'],
          terms: [{ term: 'cancel', match: 'stem' }],
        })
      ).status,
    ).toBe(201);
    const rules = {
      retention: `retention-${id}`,
      greeting: `greeting-${id}`,
      missed: `missed-${id}`,
    };
    await putRule(stack, {
      name: rules.retention,
      severity: 'high',
      when: {
        notFollowedBy: {
          first: { said: { list, speaker: 'customer' } },
          then: { said: { terms: [{ term: 'offer', match: 'stem' }], speaker: 'ai' } },
          withinSeconds: 20,
        },
      },
    });
    await putRule(stack, {
      name: rules.greeting,
      severity: 'info',
      when: { said: { terms: ['hello'], speaker: 'ai', window: { firstSeconds: 10 } } },
    });
    await putRule(stack, { name: rules.missed, severity: 'medium', when: { event: 'missed' } });
    await waitForAnalyzerConfig(stack);

    const source = `rules:${id}`;
    const start = Math.floor(Date.now() / 1000) - 120;
    const a = callOf(source, 1, start);
    const lines: [string, string, number][] = [
      ['ai', 'Hello, thanks for calling.', 2],
      ['customer', 'I want to cancel my subscription today.', 5],
      ['ai', 'I see, let me look at your account.', 12],
      ['customer', 'Fine.', 40],
    ];
    const callA = [
      a.lifecycle('call_initiated', 0),
      a.lifecycle('call_answered', 1),
      ...lines.map(([who, text, at]) => a.say(who, text, at)),
      a.end(
        45,
        lines.map(([who, text]) => [who, text]),
      ),
    ];
    const b = callOf(source, 2, start);
    const callB = [b.lifecycle('call_initiated', 0), b.lifecycle('call_ringing', 1), b.end(30, [])];
    for (const body of [...callA, ...callB])
      expect((await postWebhook(stack, body)).status).toBe(200);

    const rows = await waitFor(
      async () => {
        const found = await matchesOf(stack, source, Object.values(rules));
        const done = found.filter((m) => m.status !== 'fired' || m.phase === 'final');
        return done.length >= 3 ? found : null;
      },
      { what: 'the three rules decided and reconciled' },
    );
    expect(rows.map((r) => [r.call_id, r.rule_name, r.phase, r.status, r.basis])).toEqual([
      ['1', rules.greeting, 'live', 'confirmed', 'event'],
      // "cancel" at 5 s, no offer by 25 s: shown by the customer's line at 40 s.
      ['1', rules.retention, 'live', 'confirmed', 'event'],
      ['2', rules.missed, 'final', 'fired', 'call_end'],
    ]);
    expect(rows.find((r) => r.rule_name === rules.retention)?.at_second).toBe(25);
    const { rows: view } = await stack.pool.query<{ call_id: string; rules_matched: string[] }>(
      'SELECT call_id, rules_matched FROM call_sentiment WHERE source = $1 ORDER BY call_id',
      [source],
    );
    const ours = (names: string[] | null) =>
      (names ?? []).filter((n) => Object.values(rules).includes(n));
    expect(view.map((v) => [v.call_id, ours(v.rules_matched)])).toEqual([
      ['1', [rules.greeting, rules.retention].sort()],
      ['2', [rules.missed]],
    ]);
    const call = (await (
      await apiRequest(stack, 'GET', `/calls/${encodeURIComponent(source)}/1`)
    ).json()) as {
      ruleMatches: { rule_name: string; evidence: { text: string }[] }[];
    };
    expect(call.ruleMatches.find((m) => m.rule_name === rules.retention)?.evidence[0]?.text).toBe(
      'I want to cancel my subscription today.',
    );
  });

  it('decides a window that closes with no later event by the sweep', async () => {
    const id = hex();
    const rule = `notice-${id}`;
    await putRule(stack, {
      name: rule,
      severity: 'low',
      when: { not: { said: { terms: ['recorded'], speaker: 'ai', window: { firstSeconds: 3 } } } },
    });
    await waitForAnalyzerConfig(stack);
    const source = `sweep:${id}`;
    const c = callOf(source, 1, Math.floor(Date.now() / 1000));
    for (const body of [c.lifecycle('call_initiated', 0), c.say('ai', 'Hi there.', 1)])
      expect((await postWebhook(stack, body)).status).toBe(200);
    const rows = await waitFor(
      async () => {
        const found = await matchesOf(stack, source, [rule]);
        return found.length > 0 ? found : null;
      },
      { timeoutMs: 60_000, what: 'the sweep to decide the closed window' },
    );
    expect(rows).toEqual([
      {
        call_id: '1',
        rule_name: rule,
        phase: 'live',
        status: 'fired',
        basis: 'deadline',
        at_second: 3,
      },
    ]);
  });

  it('decides the deadline of a call that went quiet before the analyzer was SIGKILLed', async () => {
    const id = hex();
    const rule = `quiet-${id}`;
    await putRule(stack, {
      name: rule,
      severity: 'low',
      when: {
        not: { said: { terms: ['recorded'], speaker: 'ai', window: { firstSeconds: 15 } } },
      },
    });
    await waitForAnalyzerConfig(stack);
    const source = `quiet:${id}`;
    const c = callOf(source, 1, Math.floor(Date.now() / 1000));
    for (const body of [c.lifecycle('call_initiated', 0), c.say('ai', 'Hello.', 1)])
      expect((await postWebhook(stack, body)).status).toBe(200);
    await waitFor(
      async () =>
        (await stack.pool.query(`SELECT 1 FROM rule_state WHERE source = $1`, [source]))
          .rowCount === 1,
      { what: 'the call in rule_state' },
    );
    const analyzer = stack.services.get('analyzer');
    analyzer?.child.kill('SIGKILL');
    expect((await analyzer?.exited)?.signal).toBe('SIGKILL');
    // Undecided before the kill: only the restarted analyzer, which never saw the call's
    // events, can decide it, from the state it reads back.
    expect(await matchesOf(stack, source, [rule])).toEqual([]);
    await stack.start('analyzer');
    const rows = await waitFor(
      async () => {
        const found = await matchesOf(stack, source, [rule]);
        return found.length > 0 ? found : null;
      },
      { timeoutMs: 60_000, what: 'the restarted analyzer to decide the closed window' },
    );
    expect(rows).toEqual([
      {
        call_id: '1',
        rule_name: rule,
        phase: 'live',
        status: 'fired',
        basis: 'deadline',
        at_second: 15,
      },
    ]);
  });

  it('fires a followedBy exactly once when the analyzer is SIGKILLed between its halves', async () => {
    const id = hex();
    const rule = `followup-${id}`;
    await putRule(stack, {
      name: rule,
      severity: 'medium',
      when: {
        followedBy: {
          first: { said: { terms: [{ term: 'cancel', match: 'stem' }], speaker: 'customer' } },
          then: { said: { terms: [{ term: 'offer', match: 'stem' }], speaker: 'ai' } },
          withinSeconds: 60,
        },
      },
    });
    await waitForAnalyzerConfig(stack);
    const source = `kill:${id}`;
    const c = callOf(source, 1, Math.floor(Date.now() / 1000) - 60);
    for (const body of [c.lifecycle('call_initiated', 0), c.say('customer', 'I will cancel.', 5)])
      expect((await postWebhook(stack, body)).status).toBe(200);
    // The first half is in the rule state the analyzer saved (after its output was in Kafka).
    await waitFor(
      async () =>
        (
          await stack.pool.query(
            `SELECT 1 FROM rule_state WHERE source = $1 AND jsonb_array_length(state->'fragments') = 1`,
            [source],
          )
        ).rowCount === 1,
      { what: 'the first half in rule_state' },
    );
    const analyzer = stack.services.get('analyzer');
    analyzer?.child.kill('SIGKILL');
    expect((await analyzer?.exited)?.signal).toBe('SIGKILL');
    await stack.start('analyzer');
    expect((await postWebhook(stack, c.say('ai', 'We can offer you a discount.', 20))).status).toBe(
      200,
    );
    const rows = await waitFor(
      async () => {
        const found = await matchesOf(stack, source, [rule]);
        return found.length > 0 ? found : null;
      },
      { what: 'the followedBy match' },
    );
    expect(rows).toEqual([
      {
        call_id: '1',
        rule_name: rule,
        phase: 'live',
        status: 'fired',
        basis: 'event',
        at_second: 20,
      },
    ]);
    const published = (
      await readTopic(stack.kafka, `${stack.prefix}rule-matches`, {
        expect: 1_000,
        timeoutMs: 3_000,
      })
    )
      .map((m) => decodeRuleMatchMessage(m.value))
      .flatMap((d) =>
        d.ok && d.value.source === source && d.value.rule === rule ? [d.value] : [],
      );
    expect(published.map((m) => [m.rule, m.status])).toEqual([[rule, 'fired']]);
  });

  it('prunes the states of calls ended long ago and of calls that never ended', async () => {
    const source = `prune:${hex()}`;
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const rows: [string, boolean, Date][] = [
      ['ended-old', true, hoursAgo(30)],
      ['ended-recent', true, hoursAgo(1)],
      ['open-quiet-a-while', false, hoursAgo(30)],
      ['open-abandoned', false, hoursAgo(24 * 8)],
    ];
    for (const [callId, ended, at] of rows) {
      await stack.pool.query(
        `INSERT INTO rule_state (source, call_id, state, ended, partition, updated_at)
         VALUES ($1, $2, '{"v":1}', $3, 0, $4)`,
        [source, callId, ended, at],
      );
    }
    await pruneRuleStates(stack.pool, { endedBefore: hoursAgo(24), openBefore: hoursAgo(24 * 7) });
    const left = await stack.pool.query<{ call_id: string }>(
      'SELECT call_id FROM rule_state WHERE source = $1 ORDER BY call_id',
      [source],
    );
    expect(left.rows.map((r) => r.call_id)).toEqual(['ended-recent', 'open-quiet-a-while']);
  });

  it('replays an edited rule over stored calls and shows the exact diff', async () => {
    const id = hex();
    const source = `replay:${id}`;
    // A window of provider time no other test uses, so the replay sees these calls only.
    const windowStart = 2_000_000_000 + Math.floor(Math.random() * 100_000_000);
    const calls = generateCalls(200, { seed: 11, source, startUnixSeconds: windowStart });
    const sent = await stream(stack, calls, { concurrency: 20 });
    expect(sent.statuses).toEqual({ '200': sent.sent });
    const total = calls.reduce((n, call) => n + call.webhooks.length, 0);
    await waitFor(async () => (await storedCount(stack.pool, source)) === total, {
      timeoutMs: 120_000,
      what: 'every generated event stored',
    });
    const rule = `says-${id}`;
    const window = `since=${new Date(windowStart * 1000).toISOString()}&until=${new Date((windowStart + 10_000) * 1000).toISOString()}`;
    const said = (word: string) => ({
      name: rule,
      severity: 'low',
      when: { said: { terms: [word], speaker: 'customer' } },
    });
    await putRule(stack, said('cancel'));
    const first = await apiRequest(stack, 'POST', `/rules/${rule}/replay?${window}&apply=true`);
    expect(first.status).toBe(200);
    await putRule(stack, said('manager'));
    const second = (await (
      await apiRequest(stack, 'POST', `/rules/${rule}/replay?${window}`)
    ).json()) as {
      version: number;
      scanned: number;
      matchedNow: number;
      matchedStored: number;
      added: { count: number };
      removed: { count: number };
    };
    // The same questions asked the slow way, of the stored fragments.
    const brute = async (word: string) =>
      new Set(
        (
          await stack.pool.query<{ call_id: string }>(
            `SELECT DISTINCT call_id FROM transcript_fragments
             WHERE source = $1 AND speaker = 'customer' AND text ~* $2`,
            [source, `\\m${word}\\M`],
          )
        ).rows.map((r) => r.call_id),
      );
    const [cancel, manager] = [await brute('cancel'), await brute('manager')];
    expect(cancel.size).toBeGreaterThan(0);
    expect(manager.size).toBeGreaterThan(0);
    expect(second).toMatchObject({
      version: 2,
      scanned: calls.length,
      matchedNow: manager.size,
      matchedStored: cancel.size,
      added: { count: [...manager].filter((c) => !cancel.has(c)).length },
      removed: { count: [...cancel].filter((c) => !manager.has(c)).length },
    });
  });
});
