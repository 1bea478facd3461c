import { randomBytes } from 'node:crypto';
import {
  callKey,
  decodeAnalysisMessage,
  encodeCallEvent,
  normalizeWebhook,
  type AnalysisMessage,
} from '@callpulse/contracts';
import { createProducer } from '@callpulse/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTopic } from './support/kafka.js';
import { startStack, waitForAnalyzerConfig, type TestStack } from './support/stack.js';

describe('analyzer: scores fragments and picks up keyword-list changes live', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack(['analyzer']);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const source = `reload:${randomBytes(3).toString('hex')}`;
  let n = 0;
  const fragment = (text: string, speaker = 'customer') => {
    const r = normalizeWebhook(
      {
        event_type: 'transcript',
        timestamp_utc: 1_760_000_000 + n,
        payload: {
          call: { id: 5, from: '+1', to: '+2', source, direction: 'inbound' },
          type: speaker,
          transcript: text,
        },
        is_test: false,
      },
      { eventId: `${source}-${++n}`, receivedAt: new Date() },
    );
    if (!r.ok) throw new Error('bad fixture');
    return r.value;
  };
  const publish = async (events: ReturnType<typeof fragment>[]) => {
    const producer = createProducer(stack.kafka);
    await producer.connect();
    await producer.send({
      topic: `${stack.prefix}call-events`,
      acks: -1,
      messages: events.map((e) => ({ key: callKey(e), value: encodeCallEvent(e) })),
    });
    await producer.disconnect();
  };
  const analysis = async (count: number): Promise<AnalysisMessage[]> =>
    (await readTopic(stack.kafka, `${stack.prefix}analysis`, { expect: count })).map((m) => {
      const d = decodeAnalysisMessage(m.value);
      if (!d.ok) throw new Error(d.error);
      return d.value;
    });

  it('publishes a score per fragment, then matches a list inserted by plain SQL without a restart', async () => {
    const list = `live-${randomBytes(3).toString('hex')}`;
    await publish([
      fragment('I want to cancel, this service is terrible'),
      fragment('Thanks, that was really helpful', 'ai'),
    ]);
    const first = await analysis(2);
    expect(
      first.map((m) => [
        m.kind,
        m.kind === 'fragment_score' ? m.sentiment.label : '',
        m.hits.filter((h) => h.list === list).length,
      ]),
    ).toEqual([
      ['fragment_score', 'negative', 0],
      ['fragment_score', 'positive', 0],
    ]);
    expect(first[0]?.eventId).toBe(`${source}-1`);

    await stack.pool.query(
      `INSERT INTO keyword_lists (name, speakers, terms) VALUES ($1, '{customer}', $2::jsonb)`,
      [list, JSON.stringify([{ term: 'cancel', match: 'stem' }])],
    );
    const analyzer = stack.services.get('analyzer');
    const revision = Number(
      (
        await stack.pool.query<{ revision: string }>(
          'SELECT revision::text FROM keyword_lists_revision',
        )
      ).rows[0]?.revision,
    );
    await waitForAnalyzerConfig(stack);

    await publish([fragment('Please cancel my contract today')]);
    const all = await analysis(3);
    const latest = all[2];
    // Other tests' lists live in the same database; look at this test's own.
    expect(latest?.hits.filter((h) => h.list === list)).toEqual([
      expect.objectContaining({ list, term: 'cancel', matchedText: 'cancel', speaker: 'customer' }),
    ]);
    expect(latest?.keywordListsVersion).toBe(String(revision));
    expect(Number(latest?.keywordListsVersion)).toBeGreaterThan(
      Number(first[0]?.keywordListsVersion),
    );
    expect(analyzer?.child.exitCode).toBeNull();
  });
});
