import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { normalizeWebhook } from '@callpulse/contracts';
import type { OutgoingMessage } from '@callpulse/kafka';
import { createLogger, createMetricsRegistry } from '@callpulse/runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createIngestMetrics } from './metrics.js';
import { signWebhook } from './signature.js';

// Property-based abuse of POST /webhooks: bodies derived from the provider schemas, then
// broken at the field and the byte level. The oracle is the contracts package itself:
// a body earns 200 exactly when it normalizes; nothing earns a 5xx.

const MAX_BODY = 64 * 1024;
const SECRET = `whsec_${Buffer.from('fuzzing secret, 32 bytes long!!!').toString('base64')}`;
const NOW = new Date('2026-11-27T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let server: Server;
let url = '';
let published = 0;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

const startApp = async (signingSecret: string | null) => {
  const registry = createMetricsRegistry('fuzz');
  const app = createApp({
    publish: (_m: OutgoingMessage) => {
      published++;
      return Promise.resolve();
    },
    auth: { header: 'x-api-key', tokens: ['right-token'] },
    signingSecret,
    maxBodyBytes: MAX_BODY,
    registry,
    metrics: createIngestMetrics(registry),
    logger: createLogger({ service: 'fuzz', level: 'silent' }),
    isReady: () => true,
    now: () => NOW,
  });
  const handle = app.callback();
  const s = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => {
    s.listen(0, '127.0.0.1', resolve);
  });
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
};

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  ({ server, url } = await startApp(null));
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  server.close();
});

const post = (body: Uint8Array | string, headers: Record<string, string> = {}, target = url) =>
  fetch(`${target}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'right-token', ...headers },
    body,
  });

const nonBlank = (max: number) =>
  fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== '');
const callId = fc.oneof(fc.nat(), nonBlank(20));
const phone = fc.string({ maxLength: 16 });
const direction = fc.constantFrom('inbound', 'outbound');
const source = nonBlank(40);
const speaker = fc.constantFrom('customer', 'ai');
const flat = fc.record({ call_id: callId, from: phone, to: phone, direction, source });
const nested = fc.record({ id: callId, from: phone, to: phone, direction, source });
const envelope = {
  timestamp_utc: fc.integer({ min: 0, max: 4_000_000_000 }),
  is_test: fc.boolean(),
};

/** Valid provider webhooks of all six types. */
const validWebhook = fc.oneof(
  fc.record({
    event_type: fc.constantFrom('call_initiated', 'call_ringing', 'call_answered'),
    payload: flat,
    ...envelope,
  }),
  fc.record({
    event_type: fc.constant('transcript'),
    payload: fc.record({
      call: nested,
      type: speaker,
      transcript: fc.string({ maxLength: 200 }),
      timestamp_utc: fc.string({ maxLength: 12 }),
    }),
    ...envelope,
  }),
  fc.record({
    event_type: fc.constant('call_ended'),
    payload: fc
      .tuple(
        flat,
        fc.array(fc.record({ type: speaker, message: fc.string({ maxLength: 100 }) }), {
          maxLength: 20,
        }),
      )
      .map(([f, transcript]) => ({ ...f, transcript })),
    ...envelope,
  }),
  fc.record({
    event_type: fc.constant('error'),
    payload: fc.record({ call: nested, error_message: fc.string({ maxLength: 100 }) }),
    ...envelope,
  }),
);

/** Field-level damage: drop, retype or add a field somewhere in the document. */
const damaged = fc
  .tuple(
    validWebhook,
    fc.nat(),
    fc.constantFrom('drop', 'retype', 'add'),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([hook, pick, how, value]) => {
    const doc = structuredClone(hook) as Record<string, unknown>;
    const paths: [Record<string, unknown>, string][] = [];
    const walk = (o: Record<string, unknown>) => {
      for (const k of Object.keys(o)) {
        paths.push([o, k]);
        const v = o[k];
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>);
      }
    };
    walk(doc);
    const [target, key] = paths[pick % paths.length]!;
    if (how === 'drop') delete target[key];
    else if (how === 'retype') target[key] = value;
    else target[`extra_${key}`] = value;
    return doc;
  });

/** Byte-level damage to a serialized webhook. */
const mutatedBytes = fc
  .tuple(
    validWebhook,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('flip', 'insert', 'delete'),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    fc.boolean(),
  )
  .map(([hook, edits, truncate]) => {
    const bytes = [...Buffer.from(JSON.stringify(hook))];
    for (const [at, byte, how] of edits) {
      const i = at % (bytes.length || 1);
      if (how === 'flip') bytes[i] = byte;
      else if (how === 'insert') bytes.splice(i, 0, byte);
      else bytes.splice(i, 1);
    }
    return Uint8Array.from(truncate ? bytes.slice(0, Math.floor(bytes.length / 2)) : bytes);
  });

/** What the contracts package says a body deserves. */
const expectedStatus = (bytes: Uint8Array): number => {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 400;
  }
  if (new TextDecoder().decode(bytes).includes('\\u0000')) return 400;
  return normalizeWebhook(json, { eventId: 'x', receivedAt: NOW }).ok ? 200 : 400;
};

describe('POST /webhooks under property-based abuse (10k+ cases)', () => {
  it('answers valid webhooks 200 and publishes each once', async () => {
    await fc.assert(
      fc.asyncProperty(validWebhook, async (hook) => {
        const before = published;
        const res = await post(JSON.stringify(hook));
        expect(res.status).toBe(200);
        expect(published).toBe(before + 1);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never answers 200 for a damaged known webhook, and never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          damaged.map((d) => Buffer.from(JSON.stringify(d))),
          mutatedBytes,
        ),
        async (bytes) => {
          const before = published;
          const res = await post(bytes);
          expect(res.status).toBe(expectedStatus(bytes));
          expect(published).toBe(before + (res.status === 200 ? 1 : 0));
        },
      ),
      { numRuns: 8_000 },
    );
    expect(rejections).toEqual([]);
  });

  it('refuses every token but the configured one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }).filter((t) => t !== 'right-token' && /^[\x21-\x7e]*$/.test(t)),
        async (token) => {
          const res = await post('{"event_type":"call_ringing"}', { 'x-api-key': token });
          expect(res.status).toBe(401);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the size limit and answers deep nesting and huge arrays in bounded time', async () => {
    expect((await post(`{"a":"${'x'.repeat(MAX_BODY)}"}`)).status).toBe(413);
    const started = performance.now();
    expect((await post('['.repeat(MAX_BODY - 10))).status).toBe(400);
    expect(
      (await post(`{"event_type":"call_ended","payload":{"transcript":[${'1,'.repeat(30_000)}1]}}`))
        .status,
    ).toBe(400);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('rejects header injection at the HTTP parser', async () => {
    const port = new URL(url).port;
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.end(
          'POST /webhooks HTTP/1.1\r\nHost: x\r\nx-api-key: right-token\rX-Injected: 1\r\ncontent-length: 2\r\n\r\n{}',
        );
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });

  it('holds the signature tolerance at ±5 minutes', async () => {
    const signed = await startApp(SECRET);
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: -900, max: 900 }), async (offset) => {
          const body =
            '{"event_type":"call_ringing","timestamp_utc":1,"payload":{"call_id":1,"from":"","to":"","direction":"inbound","source":"s"}}';
          const ts = nowSeconds + offset;
          const res = await post(
            body,
            {
              'webhook-id': `msg_${offset}`,
              'webhook-timestamp': String(ts),
              'webhook-signature': signWebhook(SECRET, `msg_${offset}`, ts, body),
            },
            signed.url,
          );
          expect(res.status).toBe(Math.abs(offset) <= 300 ? 200 : 401);
        }),
        { numRuns: 300 },
      );
    } finally {
      signed.server.close();
    }
  });
});
