import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTopic } from './support/kafka.js';
import { postWebhook, printLogsOnFailure, startStack, type TestStack } from './support/stack.js';
import { waitFor } from './support/wait-for.js';

// What callers said that must never be stored or published in the clear.
const SECRETS = [
  '5425 2334 3010 9903',
  '5425233430109903',
  'five four two five',
  'code is 915',
  'maria dot konstantinidou',
  'konstantinidou',
  'maria.konstantinidou@examplemail.com',
];

describe('redaction at the edge: the whole stack never holds the original values', () => {
  let stack: TestStack;
  printLogsOnFailure(() => stack);
  beforeAll(async () => {
    // LOG_LEVEL=debug: even the most talkative logs must not hold the values.
    const debug = { LOG_LEVEL: 'debug' };
    stack = await startStack(undefined, {
      env: { ingest: debug, analyzer: debug, writer: debug, api: debug },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('redacts fragments and the final transcript before Kafka; topics, tables and logs are clean', async () => {
    const source = `pci:${randomBytes(3).toString('hex')}`;
    const flat = { call_id: 9, from: '+1', to: '+2', direction: 'inbound', source };
    const nested = { id: 9, from: '+1', to: '+2', direction: 'inbound', source };
    const t = Math.floor(Date.now() / 1000) - 60;
    const lines: [string, string][] = [
      ['ai', 'Can I take the card number and security code please?'],
      ['customer', 'Sure, the card number is 5425 2334 3010 9903 and the security code is 915.'],
      ['ai', 'And an email for the receipt?'],
      ['customer', 'It is maria dot konstantinidou at examplemail dot com'],
      ['customer', 'my other card is five four two five two three three four'],
      ['customer', 'three zero one zero nine nine zero three'],
    ];
    const bodies = [
      { event_type: 'call_initiated', timestamp_utc: t, payload: flat },
      ...lines.map(([type, transcript], i) => ({
        event_type: 'transcript',
        timestamp_utc: t + 2 + i,
        payload: { call: nested, type, transcript },
      })),
      {
        event_type: 'call_ended',
        timestamp_utc: t + 30,
        payload: {
          ...flat,
          transcript: [
            ...lines.map(([type, message]) => ({ type, message })),
            { type: 'customer', message: 'Again, that is maria.konstantinidou@examplemail.com' },
          ],
        },
      },
    ];
    for (const body of bodies) expect((await postWebhook(stack, body)).status).toBe(200);
    await waitFor(
      async () =>
        (
          await stack.pool.query(
            `SELECT 1 FROM call_summaries WHERE source = $1
             UNION ALL SELECT 1 FROM fragment_scores WHERE source = $1`,
            [source],
          )
        ).rowCount ===
        1 + lines.length,
      { what: 'the call analyzed and stored' },
    );

    // Postgres: every row of every table, as text.
    const { rows: tables } = await stack.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const dump: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await stack.pool.query<{ row: string }>(
        `SELECT t::text AS row FROM "${table_name}" t`,
      );
      dump.push(...rows.map((r) => r.row));
    }
    const stored = dump.join('\n');
    expect(stored).toContain('[CARD_NUMBER]'); // what is there instead
    expect(stored).toContain('[EMAIL]');
    // Kafka: every topic of this stack, every partition, from the beginning.
    const published: string[] = [];
    for (const topic of ['call-events', 'analysis', 'rule-matches', 'dead-letter']) {
      const messages = await readTopic(stack.kafka, `${stack.prefix}${topic}`, {
        expect: 1_000_000,
        timeoutMs: 5_000,
      });
      published.push(...messages.map((m) => `${m.key?.toString()} ${m.value?.toString()}`));
    }
    const topics = published.join('\n');
    expect(topics).toContain('[CVV]');
    const logs = [...stack.services.values()].map((s) => s.output()).join('\n');
    for (const secret of SECRETS) {
      const found = (where: string) => where.toLowerCase().includes(secret.toLowerCase());
      expect({ secret, tables: found(stored), topics: found(topics), logs: found(logs) }).toEqual({
        secret,
        tables: false,
        topics: false,
        logs: false,
      });
    }
  });
});
