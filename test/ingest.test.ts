import { readFileSync, readdirSync } from 'node:fs';
import { decodeCallEvent } from '@callpulse/contracts';
import type { Kafka } from '@callpulse/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, readTopic, testKafka, uniquePrefix } from './support/kafka.js';
import { freePort } from './support/ports.js';
import { startService, waitUntilReady, type RunningService } from './support/services.js';

const fixtures = new URL('./fixtures/provider-examples/', import.meta.url);
const examples = readdirSync(fixtures)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace('.json', ''), body: readFileSync(new URL(f, fixtures), 'utf8') }));

const TOKEN = 'test-token-1';

describe('ingest against the real broker', () => {
  let kafka: Kafka;
  let topics: Awaited<ReturnType<typeof createTestTopics>>;
  let ingest: RunningService;
  let url: string;

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TOKEN, ...headers },
      body,
    });

  beforeAll(async () => {
    kafka = testKafka();
    const prefix = uniquePrefix();
    topics = await createTestTopics(kafka, prefix);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    ingest = startService('ingest', {
      INGEST_PORT: String(port),
      KAFKA_TOPIC_PREFIX: prefix,
      INGEST_AUTH_HEADER: 'x-api-key',
      INGEST_AUTH_TOKENS: `old-token,${TOKEN}`,
      INGEST_PUBLISH_TIMEOUT_MS: '3000',
    });
    await waitUntilReady(ingest, `${url}/readyz`);
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  it('accepts each provider example once and puts exactly one normalized event on the topic', async () => {
    const answers = [];
    for (const example of examples) answers.push(await post(example.body));
    expect(answers.map((a) => a.status)).toEqual(examples.map(() => 200));

    // Bad requests, interleaved: none of them may reach the topic.
    const bad = await Promise.all([
      post(examples[0]!.body, { 'x-api-key': 'wrong' }),
      fetch(`${url}/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: examples[0]!.body,
      }),
      post('{"event_type": "call_ringing", '),
      post(JSON.stringify({ ...JSON.parse(examples[0]!.body), timestamp_utc: 'yesterday' })),
      post(JSON.stringify({ event_type: 'transcript', junk: 'x'.repeat(1_100_000) })),
      post(examples[0]!.body, { 'content-type': 'text/plain' }),
    ]);
    expect(bad.map((b) => b.status)).toEqual([401, 401, 400, 400, 413, 415]);
    const fieldError = (await bad[3]?.json()) as { fields: { field: string }[] };
    expect(fieldError.fields.map((f) => f.field)).toEqual(['timestamp_utc']);

    const messages = await readTopic(kafka, topics.callEvents, { expect: examples.length });
    expect(messages).toHaveLength(examples.length);
    const events = messages.map((m) => {
      const decoded = decodeCallEvent(m.value);
      if (!decoded.ok) throw new Error(decoded.error);
      expect(m.key?.toString()).toBe('salprebox:SALPRE_AABBCCDD/1');
      return decoded.value;
    });
    expect(events.map((e) => e.type).sort()).toEqual(examples.map((e) => e.name).sort());
  });

  it('answers the same delivery twice with two 200s and one event id', async () => {
    const body = JSON.stringify({
      event_type: 'call_answered',
      timestamp_utc: 1760090000,
      payload: { call_id: 'dup-1', from: '+1', to: '+2', direction: 'inbound', source: 'box:dup' },
      is_test: false,
    });
    const first = (await (await post(body)).json()) as { eventId: string };
    const secondRes = await post(body);
    expect(secondRes.status).toBe(200);
    const second = (await secondRes.json()) as { eventId: string };
    expect(second.eventId).toBe(first.eventId);
    const withHeader = await post(body, { 'webhook-id': 'msg_abc' });
    expect(((await withHeader.json()) as { eventId: string }).eventId).toBe('msg_abc');
  });
});
