import { callKey, encodeCallEvent, normalizeWebhook } from '@callpulse/contracts';
import { createProducer, type KafkaMessage } from '@callpulse/kafka';
import { generateCalls } from '@callpulse/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTopic } from '../support/kafka.js';
import { storedCount } from '../support/ledger.js';
import { printLogsOnFailure, startStack, type TestStack } from '../support/stack.js';
import { report, scenarioSource } from '../support/stream.js';
import { waitFor } from '../support/wait-for.js';

describe('fault 8: a poison message', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack(['writer']);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('goes to the dead-letter topic with its error and the partition keeps flowing', async () => {
    const source = scenarioSource('poison');
    const [call] = generateCalls(1, { seed: 15, source, fragments: [4, 4] });
    const events = (call?.webhooks ?? []).map((hook, i) => {
      const r = normalizeWebhook(hook, { eventId: `${source}-${i}`, receivedAt: new Date() });
      if (!r.ok) throw new Error('fixture did not normalize');
      return r.value;
    });
    const fragment = events.find((e) => e.type === 'transcript');
    if (!fragment || fragment.type !== 'transcript') throw new Error('no fragment');
    // Valid for the codec, impossible for Postgres: text columns cannot hold NUL.
    const poison = {
      ...fragment,
      eventId: `${source}-poison`,
      transcript: { ...fragment.transcript, text: 'bad \u0000 text' },
    };
    const key = callKey(fragment);
    const topics = {
      callEvents: `${stack.prefix}call-events`,
      deadLetter: `${stack.prefix}dead-letter`,
    };
    const producer = createProducer(stack.kafka);
    await producer.connect();
    const [first, ...rest] = events;
    await producer.send({
      topic: topics.callEvents,
      acks: -1,
      messages: [
        { key, value: encodeCallEvent(first!) },
        { key, value: encodeCallEvent(poison) },
        { key, value: 'not json at all' },
        ...rest.map((e) => ({ key, value: encodeCallEvent(e) })),
      ],
    });
    await producer.disconnect();

    await waitFor(async () => (await storedCount(stack.pool, source)) >= events.length, {
      what: 'the good events stored',
    });
    const dead: KafkaMessage[] = await readTopic(stack.kafka, topics.deadLetter, { expect: 2 });
    const errors = dead.map((m) => m.headers?.['x-dead-letter-error']?.toString() ?? '');
    report('8 poison', {
      good: events.length,
      stored: await storedCount(stack.pool, source),
      deadLettered: dead.length,
    });
    expect(dead).toHaveLength(2);
    expect(errors.find((e) => e.startsWith('could not be stored'))).toBeDefined();
    expect(errors.find((e) => e.includes('not JSON'))).toBeDefined();
    expect(dead.map((m) => m.headers?.['x-source-topic']?.toString())).toEqual([
      topics.callEvents,
      topics.callEvents,
    ]);
    expect(await storedCount(stack.pool, source)).toBe(events.length);
  });
});
