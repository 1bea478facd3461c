import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutgoingMessage } from '@callpulse/kafka';
import { createLogger, createMetricsRegistry } from '@callpulse/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createIngestMetrics } from './metrics.js';
import { signWebhook } from './signature.js';

// HTTP behaviour of the receiver with the publisher replaced by a function; the real
// broker path is covered by test/ingest.test.ts.

const example = readFileSync(
  new URL('../../../test/fixtures/provider-examples/transcript.json', import.meta.url),
  'utf8',
);
const SECRET = `whsec_${Buffer.from('a secret of thirty-two bytes!!!!').toString('base64')}`;
const NOW = new Date('2026-11-27T10:00:00Z');

let server: Server | null = null;
afterEach(() => {
  server?.close();
});

const start = async (
  options: {
    publish?: (m: OutgoingMessage) => Promise<void>;
    secret?: boolean;
    auth?: boolean;
  } = {},
) => {
  const published: OutgoingMessage[] = [];
  const registry = createMetricsRegistry('test');
  const app = createApp({
    publish:
      options.publish ??
      ((m) => {
        published.push(m);
        return Promise.resolve();
      }),
    auth:
      options.auth === false ? null : { header: 'authorization', tokens: ['Bearer one', 'two'] },
    signingSecret: options.secret ? SECRET : null,
    maxBodyBytes: 4096,
    registry,
    metrics: createIngestMetrics(registry),
    logger: createLogger({ service: 'test', level: 'silent' }),
    isReady: () => true,
    now: () => NOW,
  });
  const handle = app.callback();
  const listening = createServer((req, res) => {
    void handle(req, res);
  });
  server = listening;
  await new Promise<void>((r) => {
    listening.listen(0, '127.0.0.1', r);
  });
  const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${url}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer one', ...headers },
      body,
    });
  return { url, post, published };
};

describe('POST /webhooks', () => {
  it('accepts a valid webhook and publishes it keyed by source and call id', async () => {
    const { post, published } = await start();
    const res = await post(example);
    expect(res.status).toBe(200);
    expect(published).toHaveLength(1);
    expect(published[0]?.key).toBe('salprebox:SALPRE_AABBCCDD/1');
  });

  it('accepts every configured token (rotation) and the bearer token alone', async () => {
    const { post } = await start();
    expect((await post(example, { authorization: 'Bearer two' })).status).toBe(200);
    expect((await post(example, { authorization: 'Bearer three' })).status).toBe(401);
    expect((await post(example, { authorization: '' })).status).toBe(401);
  });

  it('refuses bodies that are not UTF-8, too deep, or carry NUL, with 400', async () => {
    const { post, published } = await start();
    expect((await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).status).toBe(400);
    expect((await post('['.repeat(100) + ']'.repeat(100))).status).toBe(400);
    const nul = await post(example.replace('Hello', 'Hel\\u0000lo'));
    expect(nul.status).toBe(400);
    expect(published).toHaveLength(0);
  });

  it('refuses an id header over 200 characters instead of cutting it (one id taken for two)', async () => {
    const { post, published } = await start();
    const prefix = 'x'.repeat(200);
    for (const name of ['webhook-id', 'idempotency-key']) {
      for (const id of [`${prefix}-first`, `${prefix}-second`]) {
        const res = await post(example, { [name]: id });
        expect(res.status, name).toBe(400);
        const body = (await res.json()) as { error: string; fields: { field: string }[] };
        expect(body.error).toContain(name);
        expect(body.error).toContain('200');
        expect(body.fields.map((f) => f.field)).toEqual([name]);
      }
    }
    expect(published).toHaveLength(0);
    const longest = await post(example, { 'webhook-id': prefix });
    expect(longest.status).toBe(200);
    expect(((await longest.json()) as { eventId: string }).eventId).toBe(prefix);
  });

  it('answers 413 above the size limit and 415 for other content types', async () => {
    const { post } = await start();
    expect((await post(`{"x":"${'a'.repeat(5000)}"}`)).status).toBe(413);
    expect((await post(example, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('accepts an unknown event type so nothing the provider sends is dropped', async () => {
    const { post, published } = await start();
    const res = await post(
      JSON.stringify({ event_type: 'call_parked', timestamp_utc: 1, payload: {} }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(published[0]?.value ?? '{}')).toMatchObject({ event: { type: 'unknown' } });
  });

  it('answers 503 with Retry-After when Kafka does not take the event', async () => {
    const { post } = await start({ publish: () => Promise.reject(new Error('broker down')) });
    const res = await post(example);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('verifies Standard Webhooks signatures within five minutes, with several signatures', async () => {
    const { post } = await start({ secret: true });
    const ts = Math.floor(NOW.getTime() / 1000);
    const good = signWebhook(SECRET, 'msg_1', ts, example);
    const headers = (t: number, sig: string) => ({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(t),
      'webhook-signature': sig,
    });
    expect((await post(example, headers(ts, `v1,bad ${good}`))).status).toBe(200);
    expect((await post(example, headers(ts, 'v1,AAAA'))).status).toBe(401);
    const stale = ts - 301;
    expect(
      (await post(example, headers(stale, signWebhook(SECRET, 'msg_1', stale, example)))).status,
    ).toBe(401);
    const early = ts + 299;
    expect(
      (await post(example, headers(early, signWebhook(SECRET, 'msg_1', early, example)))).status,
    ).toBe(200);
    expect((await post(example)).status).toBe(401);
  });
});
