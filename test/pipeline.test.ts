import { randomBytes } from 'node:crypto';
import { generateCalls, PROVIDER_EXAMPLE_ORDER, PROVIDER_EXAMPLES } from '@callpulse/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRequest,
  postWebhook,
  printLogsOnFailure,
  startStack,
  type TestStack,
  waitForAnalyzerConfig,
} from './support/stack.js';
import { waitFor } from './support/wait-for.js';

/** The provider's examples, moved to a source of this test's own. */
const examplesFrom = (source: string) =>
  PROVIDER_EXAMPLE_ORDER.map((name) => {
    const body = structuredClone(PROVIDER_EXAMPLES[name]) as unknown as {
      payload: Record<string, unknown>;
    };
    const call = (body.payload.call as Record<string, unknown> | undefined) ?? body.payload;
    call.source = source;
    return body;
  });

const count = async (stack: TestStack, table: string, source: string): Promise<number> =>
  Number(
    (
      await stack.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${table} WHERE source = $1`,
        [source],
      )
    ).rows[0]?.n,
  );

describe('the whole path: webhooks → Kafka → analyzer → writer → Postgres', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    stack = await startStack();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores the six provider examples in every table and the expected call_sentiment row', async () => {
    const source = `examples:${randomBytes(3).toString('hex')}`;
    for (const body of examplesFrom(source))
      expect((await postWebhook(stack, body)).status).toBe(200);

    await waitFor(
      async () =>
        (await count(stack, 'call_summaries', source)) === 1 &&
        (await count(stack, 'fragment_scores', source)) === 1 &&
        // Events and analysis arrive on different topics, in their own transactions.
        (await count(stack, 'call_events', source)) === 6,
      {
        what: 'the examples to be analyzed and stored',
      },
    );
    expect(await count(stack, 'call_events', source)).toBe(6);
    expect(await count(stack, 'transcript_fragments', source)).toBe(1);
    expect(await count(stack, 'calls', source)).toBe(1);

    const { rows } = await stack.pool.query<Record<string, unknown>>(
      'SELECT * FROM call_sentiment_all WHERE source = $1',
      [source],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      call_id: '1',
      is_test: true,
      status: 'ended',
      fragments: '1',
      error_message: 'Error message',
      // The final transcript's only customer line, "customer message 1", says nothing either
      // way (the AI's "Greeting message" makes the whole transcript's score positive).
      label: 'neutral',
      final_sentiment: 0.125,
    });
    expect(rows[0]?.started_at).toEqual(new Date(1760084505 * 1000));
    expect(rows[0]?.ended_at).toEqual(new Date(1760084597 * 1000));
    // Test deliveries stay out of the analytics view.
    const real = await stack.pool.query('SELECT 1 FROM call_sentiment WHERE source = $1', [source]);
    expect(real.rowCount).toBe(0);
  });

  it('spots keyword lists configured through the API, live and in the final transcript', async () => {
    const list = `churn-${randomBytes(3).toString('hex')}`;
    const put = await apiRequest(stack, 'PUT', `/keyword-lists/${list}`, {
      description: 'customers who want to leave',
      speakers: ['customer'],
      terms: [
        { term: 'cancel', match: 'stem' },
        { term: 'switch provider', match: 'phrase', slop: 1 },
      ],
    });
    expect(put.status).toBe(201);
    const bad = await apiRequest(stack, 'PUT', `/keyword-lists/${list}`, {
      terms: [{ term: 'x', match: 'regex' }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('terms.0.match');

    const source = `gen:${randomBytes(3).toString('hex')}`;
    const call = {
      flat: { call_id: 77, from: '+1', to: '+2', direction: 'inbound', source },
      nested: { id: 77, from: '+1', to: '+2', direction: 'inbound', source },
    };
    const lines = [
      ['ai', 'Thank you for calling, how can I help?'],
      ['customer', 'I am furious, I was charged twice and I want to cancel my contract.'],
      ['ai', 'I am sorry to hear that.'],
      ['customer', 'Honestly I will switch my provider tomorrow, this is terrible.'],
    ] as const;
    await waitForAnalyzerConfig(stack);
    let t = 1_760_100_000;
    const bodies = [
      { event_type: 'call_initiated', timestamp_utc: t++, payload: call.flat, is_test: false },
      { event_type: 'call_answered', timestamp_utc: t++, payload: call.flat, is_test: false },
      ...lines.map(([type, transcript]) => ({
        event_type: 'transcript',
        timestamp_utc: t++,
        payload: { call: call.nested, type, transcript, timestamp_utc: String(t) },
        is_test: false,
      })),
      {
        event_type: 'call_ended',
        timestamp_utc: t++,
        payload: { ...call.flat, transcript: lines.map(([type, message]) => ({ type, message })) },
        is_test: false,
      },
    ];
    for (const body of bodies) expect((await postWebhook(stack, body)).status).toBe(200);

    const row = await waitFor(
      async () => {
        const { rows } = await stack.pool.query(
          "SELECT * FROM call_sentiment WHERE source = $1 AND final_sentiment IS NOT NULL AND fragments = 4 AND status = 'ended'",
          [source],
        );
        return rows[0] as Record<string, unknown> | undefined;
      },
      { what: 'the generated call to be summarized' },
    );
    expect(row).toMatchObject({ status: 'ended', fragments: '4', label: 'negative' });
    const { rows: hits } = await stack.pool.query<{
      phase: string;
      term: string;
      matched_text: string;
      speaker: string;
    }>(
      'SELECT phase, term, matched_text, speaker FROM keyword_hits WHERE source = $1 AND list_name = $2 ORDER BY phase, term',
      [source, list],
    );
    expect(hits.map((h) => [h.phase, h.term, h.matched_text.toLowerCase()])).toEqual([
      ['final', 'cancel', 'cancel'],
      ['final', 'switch provider', 'switch my provider'],
      ['live', 'cancel', 'cancel'],
      ['live', 'switch provider', 'switch my provider'],
    ]);
    expect(hits.every((h) => h.speaker === 'customer')).toBe(true);
    const apiCall = await apiRequest(stack, 'GET', `/calls/${encodeURIComponent(source)}/77`);
    expect(apiCall.status).toBe(200);
    expect(((await apiCall.json()) as { fragments: unknown[] }).fragments).toHaveLength(4);
  });

  it('stores, scores and matches a speaker the provider has not documented (agent)', async () => {
    const list = `handover-${randomBytes(3).toString('hex')}`;
    const put = await apiRequest(stack, 'PUT', `/keyword-lists/${list}`, {
      speakers: ['agent'],
      terms: [{ term: 'escalate', match: 'stem' }],
    });
    expect(put.status).toBe(201);
    await waitForAnalyzerConfig(stack);
    const source = `agent:${randomBytes(3).toString('hex')}`;
    const nested = { id: 5, from: '+1', to: '+2', direction: 'inbound', source };
    const res = await postWebhook(stack, {
      event_type: 'transcript',
      timestamp_utc: 1_760_200_000,
      payload: {
        call: nested,
        type: 'agent',
        transcript: 'I am escalating this to my manager, thank you for your patience.',
      },
      is_test: false,
    });
    expect(res.status).toBe(200);
    const fragment = await waitFor(
      async () => {
        const { rows } = await stack.pool.query<{ speaker: string; label: string | null }>(
          'SELECT speaker, label FROM fragment_sentiment WHERE source = $1 AND label IS NOT NULL',
          [source],
        );
        return rows[0];
      },
      { what: 'the agent fragment to be scored' },
    );
    expect(fragment).toEqual({ speaker: 'agent', label: 'positive' });
    const { rows: hits } = await stack.pool.query<{ term: string; speaker: string }>(
      'SELECT term, speaker FROM keyword_hits WHERE source = $1 AND list_name = $2',
      [source, list],
    );
    expect(hits).toEqual([{ term: 'escalate', speaker: 'agent' }]);
  });

  it('keeps one row per event and the right final state under duplicates and reordering', async () => {
    const [call] = generateCalls(1, { seed: 7, source: `dup:${randomBytes(3).toString('hex')}` });
    if (!call) throw new Error('no call generated');
    const byType = (type: string) => call.webhooks.filter((w) => w.event_type === type);
    const fragment = byType('transcript')[0];
    // call_ended first, then the rest backwards, one fragment three times.
    const order = [...call.webhooks].reverse();
    order.push(fragment!, fragment!);
    for (const body of order) expect((await postWebhook(stack, body)).status).toBe(200);

    const fragments = byType('transcript').length;
    await waitFor(
      async () =>
        (await count(stack, 'fragment_scores', call.source)) === fragments &&
        (await count(stack, 'call_summaries', call.source)) === 1 &&
        (await count(stack, 'call_events', call.source)) === call.webhooks.length,
      { what: 'the reordered call to be stored' },
    );
    expect(await count(stack, 'call_events', call.source)).toBe(call.webhooks.length);
    expect(await count(stack, 'transcript_fragments', call.source)).toBe(fragments);
    const { rows } = await stack.pool.query<Record<string, unknown>>(
      'SELECT status, initiated_at, ringing_at, answered_at, ended_at FROM calls WHERE source = $1',
      [call.source],
    );
    expect(rows[0]?.status).toBe('ended');
    expect(rows[0]?.initiated_at).toEqual(
      new Date((byType('call_initiated')[0]!.timestamp_utc as number) * 1000),
    );
    expect(rows[0]?.ended_at).toEqual(
      new Date((byType('call_ended')[0]!.timestamp_utc as number) * 1000),
    );
  });
});
