import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  deliveriesOf,
  expectOk,
  groupCaughtUp,
  matchMessage,
  publishMatches,
  putDestination,
  waitAllDelivered,
  whsecret,
} from './support/alerts.js';
import { freePort } from './support/ports.js';
import { startReceiver, verifyStandardWebhook, type Received } from './support/receiver.js';
import { startService, waitUntilReady } from './support/services.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import {
  API_TOKEN,
  apiRequest,
  printLogsOnFailure,
  startStack,
  type TestStack,
} from './support/stack.js';
import { FULL } from './support/stream.js';
import { waitFor } from './support/wait-for.js';

// Outages last as long as the fault scenarios with CALLPULSE_FAULTS=full (receiver
// down 60 s, Postgres 30 s); in npm test, until the failures they cause have been seen.
const RECEIVER_DOWN_MS = FULL ? 60_000 : 0;
const POSTGRES_DOWN_MS = FULL ? 30_000 : 0;

/** Keeps an outage begun at `since` going for at least `ms` in all. */
const lastAtLeast = async (since: number, ms: number): Promise<void> => {
  const left = since + ms - Date.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
};

const hex = () => randomBytes(3).toString('hex');

/** Distinct webhook-ids received, and how many requests repeated one. */
const idsOf = (received: Received[]) => {
  const ids = received.map((r) => String(r.headers['webhook-id']));
  return { distinct: new Set(ids).size, repeats: ids.length - new Set(ids).size };
};

describe('alerts: delivery under faults, pacing and address checks', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(['api', 'notifier'], {
      env: {
        api: { ALERTS_ALLOW_PRIVATE_URLS: 'true' },
        notifier: {
          ALERTS_ALLOW_PRIVATE_URLS: 'true',
          ALERTS_RETRY_BASE_MS: '200',
          ALERTS_RETRY_MAX_MS: '2000',
          ALERTS_TIMEOUT_MS: '3000',
          // A killed notifier's destinations pass to the next one after this long.
          ALERTS_LEASE_MS: '8000',
          // No writer here: these matches' calls are never stored.
          ALERTS_CALL_WAIT_MS: '0',
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends one alert per match however often its status repeats; a retraction only where the rule asks', async () => {
    const id = hex();
    const key = whsecret();
    const receiver = await startReceiver();
    const name = `status-${id}`;
    await putDestination(stack, { name, type: 'webhook', url: receiver.url(), secret: key });
    // Echoing back what GET shows (no secret, a masked URL) keeps the stored secret and URL.
    const shown = (await (
      await apiRequest(stack, 'GET', `/destinations/${name}`)
    ).json()) as Record<string, unknown>;
    expect(shown).not.toHaveProperty('secret');
    await expectOk(apiRequest(stack, 'PUT', `/destinations/${name}`, { ...shown, enabled: true }));
    const source = `status:${id}`;
    const m = (
      callId: string,
      status: 'fired' | 'confirmed' | 'retracted',
      notifyOn: ('fired' | 'confirmed' | 'retracted')[] = ['fired'],
    ) => matchMessage({ source, callId, rule: 'r', notify: [name], status, notifyOn });
    await publishMatches(stack, [
      m('1', 'fired'),
      m('1', 'fired'),
      m('1', 'confirmed'),
      m('2', 'fired'),
      m('2', 'retracted'),
      m('3', 'fired', ['fired', 'retracted']),
      m('3', 'retracted', ['fired', 'retracted']),
      // Never alerted, so nothing to retract.
      m('4', 'retracted', ['fired', 'retracted']),
      { ...m('5', 'fired'), origin: 'replay' as const },
    ]);
    const rows = await waitAllDelivered(stack, source, 4);
    // Calls on different partitions are stored side by side: compare as sets.
    expect(rows.map((r) => `${r.call_id}:${r.state}`).sort()).toEqual([
      '1:delivered',
      '2:delivered',
      '3:delivered',
      '3:delivered',
    ]);
    const types = receiver.received.map((r) => {
      const body = verifyStandardWebhook(key, r) as { type: string; call: { callId: string } };
      return `${body.call.callId}:${body.type}`;
    });
    expect([...types].sort()).toEqual([
      '1:rule.matched',
      '2:rule.matched',
      '3:rule.matched',
      '3:rule.retracted',
    ]);
    // A call's follow-up comes after its alert.
    expect(types.indexOf('3:rule.retracted')).toBeGreaterThan(types.indexOf('3:rule.matched'));
    await receiver.close();
  });

  it("keeps each call's order past the tenth pending alert (pending alerts were sorted as text)", async () => {
    const id = hex();
    const receiver = await startReceiver();
    const name = `order-${id}`;
    await putDestination(stack, {
      name,
      type: 'webhook',
      url: receiver.url(),
      secret: whsecret(),
      ratePerSecond: 50,
      burst: 3,
    });
    const source = `order:${id}`;
    const rules = ['r1', 'r2', 'r3', 'r4', 'r5'];
    await publishMatches(
      stack,
      Array.from({ length: 40 }, (_, call) =>
        rules.map((rule) => matchMessage({ source, callId: String(call), rule, notify: [name] })),
      ).flat(),
    );
    await waitAllDelivered(stack, source, 200);
    const order = receiver.received.map((r) => {
      const body = JSON.parse(r.body) as { call: { callId: string }; rule: { name: string } };
      return { call: body.call.callId, rule: body.rule.name };
    });
    for (let call = 0; call < 40; call++)
      expect(order.filter((o) => o.call === String(call)).map((o) => o.rule)).toEqual(rules);
    await receiver.close();
  });

  it('does not drop an alert for a destination whose change notification the notifier missed', async () => {
    const id = hex();
    const receiver = await startReceiver();
    const name = `quiet-${id}`;
    // Stored without its NOTIFY, as when the notifier's listener was reconnecting.
    const client = await stack.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE destinations DISABLE TRIGGER destinations_notify');
      await client.query(
        `INSERT INTO destinations (name, type, url, secret) VALUES ($1, 'webhook', $2, $3)`,
        [name, receiver.url(), whsecret()],
      );
      await client.query('ALTER TABLE destinations ENABLE TRIGGER destinations_notify');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const source = `quiet:${id}`;
    await publishMatches(stack, [matchMessage({ source, callId: '1', rule: 'r', notify: [name] })]);
    const rows = await waitAllDelivered(stack, source, 1);
    expect(rows.map((r) => r.state)).toEqual(['delivered']);
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it("keeps one destination's pace and order with two notifiers in the group", async () => {
    const port = await freePort();
    const second = startService('notifier', {
      ...stack.env.notifier,
      NOTIFIER_HTTP_PORT: String(port),
    });
    try {
      await waitUntilReady(second, `http://127.0.0.1:${port}/readyz`);
      const id = hex();
      const receiver = await startReceiver();
      const name = `shared-${id}`;
      const rate = 5;
      await putDestination(stack, {
        name,
        type: 'webhook',
        url: receiver.url(),
        secret: whsecret(),
        ratePerSecond: rate,
        burst: 1,
      });
      const source = `shared:${id}`;
      const rules = ['a', 'b', 'c'];
      // Twelve calls: spread over the partitions, so both notifiers store alerts.
      await publishMatches(
        stack,
        Array.from({ length: 12 }, (_, call) =>
          rules.map((rule) => matchMessage({ source, callId: String(call), rule, notify: [name] })),
        ).flat(),
      );
      await waitAllDelivered(stack, source, 36);
      expect(idsOf(receiver.received)).toEqual({ distinct: 36, repeats: 0 });
      // One sender at a time: at most 1 + rate × seconds in any interval (+1 for arrival
      // jitter). Two senders side by side would each go at the full rate.
      const at = receiver.received.map((r) => r.at);
      let worst = 0;
      for (let i = 0; i < at.length; i++)
        for (let j = i + 1; j < at.length; j++)
          worst = Math.max(worst, j - i + 1 - (1 + (rate * (at[j]! - at[i]!)) / 1000));
      expect(worst).toBeLessThanOrEqual(1);
      const order = receiver.received.map((r) => {
        const body = JSON.parse(r.body) as { call: { callId: string }; rule: { name: string } };
        return { call: body.call.callId, rule: body.rule.name };
      });
      for (let call = 0; call < 12; call++)
        expect(order.filter((o) => o.call === String(call)).map((o) => o.rule)).toEqual(rules);
      await receiver.close();
    } finally {
      await second.stop();
    }
  });

  it('honours 429 Retry-After: 2 and keeps the same webhook-id on the retry', async () => {
    const id = hex();
    const key = whsecret();
    const receiver = await startReceiver((_r, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 },
    );
    const name = `busy-${id}`;
    await putDestination(stack, { name, type: 'webhook', url: receiver.url(), secret: key });
    const source = `retry-after:${id}`;
    // One call's three matches: one partition, so they are stored and sent in this order.
    await publishMatches(
      stack,
      ['a', 'b', 'c'].map((rule) => matchMessage({ source, callId: '1', rule, notify: [name] })),
    );
    const rows = await waitAllDelivered(stack, source, 3);
    expect(rows.map((r) => [r.rule_name, r.state, r.attempts])).toEqual([
      ['a', 'delivered', 2],
      ['b', 'delivered', 1],
      ['c', 'delivered', 1],
    ]);
    const [first, retry] = receiver.received;
    expect(retry!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    // Nothing went to the destination during the two seconds it asked for.
    expect(retry!.at - first!.at).toBeGreaterThanOrEqual(2000);
    for (const r of receiver.received) verifyStandardWebhook(key, r);
    expect(idsOf(receiver.received)).toEqual({ distinct: 3, repeats: 1 });
    await receiver.close();
  });

  it('delivers everything once a receiver that was down comes back, in order per call', async () => {
    const id = hex();
    const key = whsecret();
    const receiver = await startReceiver();
    await receiver.close();
    const name = `down-${id}`;
    await putDestination(stack, { name, type: 'webhook', url: receiver.url(), secret: key });
    const source = `down:${id}`;
    const matches = [1, 2, 3, 4].flatMap((call) =>
      ['a', 'b', 'c'].map((rule) =>
        matchMessage({ source, callId: String(call), rule, notify: [name] }),
      ),
    );
    const downSince = Date.now();
    await publishMatches(stack, matches);
    await waitFor(async () => (await deliveriesOf(stack, source)).some((r) => r.attempts >= 3), {
      timeoutMs: 60_000,
      what: 'three failed attempts while the receiver is down',
    });
    await lastAtLeast(downSince, RECEIVER_DOWN_MS);
    const failing = await deliveriesOf(stack, source);
    expect(failing.every((r) => r.state === 'pending')).toBe(true);
    expect(failing.find((r) => r.attempts > 0)?.last_error).toMatch(/ECONNREFUSED/);
    await receiver.open();
    const rows = await waitAllDelivered(stack, source, matches.length);
    expect(rows.every((r) => r.state === 'delivered')).toBe(true);
    expect(idsOf(receiver.received)).toEqual({ distinct: matches.length, repeats: 0 });
    const order = receiver.received.map((r) => {
      const body = verifyStandardWebhook(key, r) as {
        call: { callId: string };
        rule: { name: string };
      };
      return `${body.call.callId}:${body.rule.name}`;
    });
    for (const call of ['1', '2', '3', '4'])
      expect(order.filter((o) => o.startsWith(`${call}:`))).toEqual([
        `${call}:a`,
        `${call}:b`,
        `${call}:c`,
      ]);
    await receiver.close();
  });

  it('keeps other destinations flowing while one takes 30 s to answer', async () => {
    const id = hex();
    const slowReceiver = await startReceiver(() => ({ status: 200, delayMs: 30_000 }));
    const fastReceiver = await startReceiver();
    const slow = `slow-${id}`;
    const fast = `fast-${id}`;
    await putDestination(stack, {
      name: slow,
      type: 'webhook',
      url: slowReceiver.url(),
      secret: whsecret(),
    });
    await putDestination(stack, {
      name: fast,
      type: 'webhook',
      url: fastReceiver.url(),
      secret: whsecret(),
    });
    const source = `slow:${id}`;
    await publishMatches(
      stack,
      Array.from({ length: 10 }, (_, n) =>
        matchMessage({ source, callId: String(n), rule: 'r', notify: [slow, fast] }),
      ),
    );
    await waitFor(() => fastReceiver.received.length >= 10, {
      timeoutMs: 60_000,
      what: 'the fast destination to get all ten',
    });
    // The notifier records a delivery once the receiver has answered: the tenth may arrive
    // a moment before its row says so.
    const ledger = await waitFor(
      async () => {
        const rows = await deliveriesOf(stack, source);
        return rows.filter((r) => r.destination === fast && r.state === 'delivered').length >= 10
          ? rows
          : null;
      },
      { what: 'the fast destination to record all ten delivered' },
    );
    expect(ledger.filter((r) => r.destination === fast && r.state === 'delivered')).toHaveLength(
      10,
    );
    expect(ledger.filter((r) => r.destination === slow && r.state === 'delivered')).toHaveLength(0);
    // The slow one times out and is retried; once it answers quickly, it catches up.
    slowReceiver.answerWith(() => ({ status: 200 }));
    const rows = await waitAllDelivered(stack, source, 20);
    expect(rows.every((r) => r.state === 'delivered')).toBe(true);
    expect(idsOf(slowReceiver.received).distinct).toBe(10);
    await Promise.all([slowReceiver.close(), fastReceiver.close()]);
  });

  it('loses nothing when the notifier is SIGKILLed in the middle of a burst of 500', async () => {
    const id = hex();
    const key = whsecret();
    const receiver = await startReceiver();
    const name = `burst-${id}`;
    await putDestination(stack, {
      name,
      type: 'webhook',
      url: receiver.url(),
      secret: key,
      ratePerSecond: 100,
      burst: 20,
    });
    const source = `burst:${id}`;
    const matches = Array.from({ length: 500 }, (_, n) =>
      matchMessage({ source, callId: String(n), rule: 'r', notify: [name] }),
    );
    await publishMatches(stack, matches);
    await waitFor(() => receiver.received.length >= 50, {
      timeoutMs: 60_000,
      what: 'the burst to be under way',
    });
    await stack.services.get('notifier')!.stop('SIGKILL');
    const atKill = receiver.received.length;
    expect(atKill).toBeLessThan(500);
    await stack.start('notifier');
    const rows = await waitAllDelivered(stack, source, 500, 180_000);
    expect(rows.filter((r) => r.state === 'delivered')).toHaveLength(500);
    const { distinct, repeats } = idsOf(receiver.received);
    expect(distinct).toBe(500); // lost = 0
    // At least once: the one send in flight at the kill (a destination has one at a time)
    // may be repeated, under the same id.
    expect(repeats).toBeLessThanOrEqual(1);
    for (const r of receiver.received.slice(0, 20)) verifyStandardWebhook(key, r);
    console.log(
      `SIGKILL at ${atKill}/500 delivered; after restart 500 distinct ids, ${repeats} repeats`,
    );
    await receiver.close();
  });

  it('delivers everything, once each, across a Postgres outage', async () => {
    const proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: Number(new URL(inject('databaseUrl')).port || 5432),
    });
    const proxied = new URL(inject('databaseUrl'));
    proxied.port = String(proxy.port);
    stack.env.notifier.DATABASE_URL = proxied.toString();
    await stack.services.get('notifier')!.stop();
    const notifier = await stack.start('notifier');
    try {
      const id = hex();
      const key = whsecret();
      const receiver = await startReceiver();
      const name = `pg-${id}`;
      await putDestination(stack, {
        name,
        type: 'webhook',
        url: receiver.url(),
        secret: key,
        ratePerSecond: 5,
        burst: 1,
      });
      const source = `pg-outage:${id}`;
      const batch = (from: number) =>
        Array.from({ length: 20 }, (_, n) =>
          matchMessage({ source, callId: String(from + n), rule: 'r', notify: [name] }),
        );
      await publishMatches(stack, batch(0));
      await waitFor(() => receiver.received.length >= 3, {
        timeoutMs: 60_000,
        what: 'the first alerts',
      });
      proxy.cut();
      const cutSince = Date.now();
      await publishMatches(stack, batch(100));
      const retries = () =>
        (
          notifier
            .output()
            .match(/Postgres unavailable|cannot read or update alerts|cannot record an attempt/g) ??
          []
        ).length;
      await waitFor(() => retries() >= 5, {
        timeoutMs: 120_000,
        what: 'the notifier to keep retrying against the outage',
      });
      await lastAtLeast(cutSince, POSTGRES_DOWN_MS);
      proxy.restore();
      const rows = await waitAllDelivered(stack, source, 40);
      expect(rows.every((r) => r.state === 'delivered')).toBe(true);
      const { distinct, repeats } = idsOf(receiver.received);
      expect(distinct).toBe(40);
      expect(repeats).toBe(0);
      for (const r of receiver.received) verifyStandardWebhook(key, r);
      expect(notifier.child.exitCode).toBeNull();
      await receiver.close();
    } finally {
      proxy.restore();
    }
  });

  it('stops at SIGTERM without waiting for a receiver that takes minutes, and sends that alert again under the same id', async () => {
    const id = hex();
    const receiver = await startReceiver(() => ({ status: 200, delayMs: 300_000 }));
    const name = `term-${id}`;
    await putDestination(stack, { name, type: 'webhook', url: receiver.url(), secret: whsecret() });
    const source = `term:${id}`;
    await publishMatches(stack, [matchMessage({ source, callId: '1', rule: 'r', notify: [name] })]);
    await waitFor(() => receiver.received.length >= 1, { what: 'the send in flight' });
    const exit = await stack.services.get('notifier')!.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    // It left before the receiver answered anything: its answers take five minutes.
    expect(receiver.answered()).toBe(0);
    expect((await deliveriesOf(stack, source)).map((r) => r.state)).toEqual(['pending']);
    receiver.answerWith(() => ({ status: 200 }));
    await stack.start('notifier');
    const rows = await waitAllDelivered(stack, source, 1);
    expect(rows.map((r) => r.state)).toEqual(['delivered']);
    // Every attempt, before and after the restart, under one id.
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    await receiver.close();
  });

  it('marks deliveries dead with their last error after ALERTS_DEAD_AFTER_S', async () => {
    stack.env.notifier.ALERTS_DEAD_AFTER_S = '2';
    await stack.services.get('notifier')!.stop();
    await stack.start('notifier');
    try {
      const id = hex();
      const receiver = await startReceiver(() => ({ status: 500 }));
      const name = `dead-${id}`;
      await putDestination(stack, {
        name,
        type: 'webhook',
        url: receiver.url(),
        secret: whsecret(),
      });
      const source = `dead:${id}`;
      await publishMatches(stack, [
        matchMessage({ source, callId: '1', rule: 'r', notify: [name] }),
        matchMessage({ source, callId: '1', rule: 's', notify: [name] }),
      ]);
      const rows = await waitAllDelivered(stack, source, 2);
      expect(rows.map((r) => r.state)).toEqual(['dead', 'dead']);
      // The first was tried until its deadline; the second waited behind it and ran out too.
      expect(rows[0]).toMatchObject({ last_status: 500, last_error: 'HTTP 500' });
      expect(rows[0]!.attempts).toBeGreaterThanOrEqual(2);
      expect(receiver.received.length).toBeGreaterThanOrEqual(2);
      await receiver.close();
    } finally {
      delete stack.env.notifier.ALERTS_DEAD_AFTER_S;
      await stack.services.get('notifier')!.stop();
      await stack.start('notifier');
    }
  });

  it('refuses private, loopback and link-local URLs when the flag is off, without connecting', async () => {
    const port = await freePort();
    const api = startService('api', {
      KAFKA_TOPIC_PREFIX: stack.prefix,
      API_PORT: String(port),
      API_TOKEN,
    });
    try {
      await waitUntilReady(api, `http://127.0.0.1:${port}/readyz`);
      const put = (name: string, url: string) =>
        fetch(`http://127.0.0.1:${port}/destinations/${name}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'slack', url }),
        });
      for (const url of [
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/',
        'http://127.0.0.1/',
        // Resolved from the hosts file to 127.0.0.1: no packet leaves for the lookup.
        'http://localhost/hook',
      ]) {
        const res = await put(`ssrf-${hex()}`, url);
        expect(res.status, url).toBe(400);
        const body = (await res.json()) as { fields: { field: string; message: string }[] };
        expect(body.fields[0]?.field).toBe('url');
        expect(body.fields[0]?.message).toMatch(/private, loopback or link-local/);
      }
    } finally {
      await api.stop();
    }
  });

  it('fails an attempt whose answer trickles in past ALERTS_TIMEOUT_MS, and retries it', async () => {
    const id = hex();
    // The first answer's headers come at once, then a byte every 500 ms for 10 s: the
    // socket is never idle for ALERTS_TIMEOUT_MS (3 s), yet the answer takes far longer.
    // Later requests are answered at once.
    const cutOff: number[] = [];
    let requests = 0;
    const server = createServer((req, res) => {
      const n = requests++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200);
        if (n > 0) return void res.end('ok');
        const drip = setInterval(() => res.write('.'), 500);
        const end = setTimeout(() => res.end(), 10_000);
        res.on('close', () => {
          clearInterval(drip);
          clearTimeout(end);
          if (!res.writableFinished) cutOff.push(n);
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const name = `drip-${id}`;
      const { port } = server.address() as AddressInfo;
      await putDestination(stack, {
        name,
        type: 'webhook',
        url: `http://127.0.0.1:${port}/hook`,
        secret: whsecret(),
      });
      const source = `drip:${id}`;
      await publishMatches(stack, [
        matchMessage({ source, callId: '1', rule: 'r', notify: [name] }),
      ]);
      const rows = await waitAllDelivered(stack, source, 1);
      // The trickling answer failed the first attempt (the notifier hung up on it); the
      // retry was answered.
      expect(rows.map((r) => [r.state, r.attempts])).toEqual([['delivered', 2]]);
      expect(cutOff).toEqual([0]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("ends a deleted destination's pending alerts, so a new destination of that name never gets them", async () => {
    const id = hex();
    const name = `gone-${id}`;
    const old = await startReceiver(() => ({ status: 500 }));
    await putDestination(stack, { name, type: 'webhook', url: old.url(), secret: whsecret() });
    const source = `gone:${id}`;
    await publishMatches(stack, [matchMessage({ source, callId: '1', rule: 'r', notify: [name] })]);
    await waitFor(async () => (await deliveriesOf(stack, source)).some((r) => r.attempts >= 3), {
      timeoutMs: 60_000,
      what: 'three failed attempts',
    });
    expect((await apiRequest(stack, 'DELETE', `/destinations/${name}`)).status).toBe(204);
    // Ended with the delete itself, not whenever a sender next looks.
    const [ended] = await deliveriesOf(stack, source);
    expect(ended).toMatchObject({ state: 'dead' });
    expect(ended!.last_error).toMatch(/destination deleted/);
    // A new destination under the old name gets only what is sent after it was made.
    const fresh = await startReceiver();
    await putDestination(stack, { name, type: 'webhook', url: fresh.url(), secret: whsecret() });
    await publishMatches(stack, [matchMessage({ source, callId: '2', rule: 'r', notify: [name] })]);
    const rows = await waitAllDelivered(stack, source, 2);
    expect(rows.map((r) => `${r.call_id}:${r.state}`)).toEqual(['1:dead', '2:delivered']);
    expect(
      fresh.received.map((r) => (JSON.parse(r.body) as { call: { callId: string } }).call.callId),
    ).toEqual(['2']);
    await Promise.all([old.close(), fresh.close()]);
  });

  it('stores no alert for a destination deleted while the notifier still had it cached', async () => {
    const id = hex();
    const name = `stale-${id}`;
    const old = await startReceiver();
    await putDestination(stack, { name, type: 'webhook', url: old.url(), secret: whsecret() });
    const source = `stale:${id}`;
    await publishMatches(stack, [matchMessage({ source, callId: '1', rule: 'r', notify: [name] })]);
    await waitAllDelivered(stack, source, 1);
    // Deleted without its NOTIFY, as when the notifier's listener was reconnecting: the
    // notifier still believes in the destination when the next match comes.
    const client = await stack.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE destinations DISABLE TRIGGER destinations_notify');
      await client.query('DELETE FROM destinations WHERE name = $1', [name]);
      await client.query('ALTER TABLE destinations ENABLE TRIGGER destinations_notify');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await publishMatches(stack, [matchMessage({ source, callId: '2', rule: 'r', notify: [name] })]);
    await waitFor(
      () => groupCaughtUp(stack, `${stack.prefix}notifier`, `${stack.prefix}rule-matches`),
      { what: 'the notifier to read the match' },
    );
    // Stored, it would wait for (and go to) whatever next takes the name.
    expect((await deliveriesOf(stack, source)).map((r) => r.call_id)).toEqual(['1']);
    await old.close();
  });

  it('holds a destination no longer than ALERTS_RETRY_MAX_MS for a huge Retry-After, and keeps retrying', async () => {
    const id = hex();
    const receiver = await startReceiver((_r, i) =>
      i === 0 ? { status: 503, headers: { 'retry-after': '90000' } } : { status: 200 },
    );
    const name = `later-${id}`;
    await putDestination(stack, { name, type: 'webhook', url: receiver.url(), secret: whsecret() });
    const source = `later:${id}`;
    // One call's two matches: one partition, so the second waits behind the first.
    await publishMatches(
      stack,
      ['a', 'b'].map((rule) => matchMessage({ source, callId: '1', rule, notify: [name] })),
    );
    // 25 hours away is past ALERTS_DEAD_AFTER_S, yet one refusal does not make it dead.
    const first = await waitFor(
      async () => (await deliveriesOf(stack, source)).find((r) => r.state !== 'pending') ?? null,
      { timeoutMs: 60_000, what: 'the first alert to settle' },
    );
    expect([first.rule_name, first.state, first.attempts]).toEqual(['a', 'delivered', 2]);
    const rows = await waitAllDelivered(stack, source, 2);
    expect(rows.map((r) => [r.rule_name, r.state, r.attempts])).toEqual([
      ['a', 'delivered', 2],
      ['b', 'delivered', 1],
    ]);
    // It waited the clamped pause (ALERTS_RETRY_MAX_MS here: 2 s), not the 25 hours.
    const [refused, retry] = receiver.received;
    expect(retry!.at - refused!.at).toBeGreaterThanOrEqual(2000);
    await receiver.close();
  });
});
