import { createPool, type Pool } from '@callpulse/db';
import type { Kafka } from '@callpulse/kafka';
import { afterEach, inject } from 'vitest';
import { createTestTopics, testKafka, uniquePrefix } from './kafka.js';
import { freePort } from './ports.js';
import { startService, waitUntilReady, type RunningService, type ServiceName } from './services.js';
import { waitFor } from './wait-for.js';

export interface TestStack {
  prefix: string;
  kafka: Kafka;
  pool: Pool;
  urls: Record<ServiceName, string>;
  services: Map<ServiceName, RunningService>;
  env: Record<ServiceName, Record<string, string>>;
  /** (Re)starts one service with the stack's settings and waits until it is ready. */
  start: (name: ServiceName) => Promise<RunningService>;
  stop: () => Promise<void>;
}

export const INGEST_TOKEN = 'stack-test-token';
export const API_TOKEN = 'stack-api-token';

/** The services (the notifier when asked) as real processes on their own topics, against the run's database. */
export const startStack = async (
  names: ServiceName[] = ['writer', 'analyzer', 'ingest', 'api'],
  options: {
    brokers?: string;
    env?: Partial<Record<ServiceName, Record<string, string>>>;
    /** A database of the test's own (already migrated) instead of the run's. */
    databaseUrl?: string;
  } = {},
): Promise<TestStack> => {
  const prefix = uniquePrefix();
  const kafka = testKafka(options.brokers);
  await createTestTopics(kafka, prefix);
  const pool = createPool({
    connectionString: options.databaseUrl ?? inject('databaseUrl'),
    max: 4,
  });
  const ports = {
    ingest: await freePort(),
    api: await freePort(),
    analyzer: await freePort(),
    writer: await freePort(),
    notifier: await freePort(),
  };
  const common = {
    KAFKA_TOPIC_PREFIX: prefix,
    KEYWORD_LISTS_RELOAD_MS: '60000',
    ...(options.brokers ? { KAFKA_BROKERS: options.brokers } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  const env: Record<ServiceName, Record<string, string>> = {
    ingest: {
      ...common,
      INGEST_PORT: String(ports.ingest),
      INGEST_AUTH_HEADER: 'x-api-key',
      INGEST_AUTH_TOKENS: INGEST_TOKEN,
      INGEST_PUBLISH_TIMEOUT_MS: '5000',
    },
    analyzer: { ...common, ANALYZER_HTTP_PORT: String(ports.analyzer) },
    writer: { ...common, WRITER_HTTP_PORT: String(ports.writer) },
    api: { ...common, API_PORT: String(ports.api), API_TOKEN },
    notifier: { ...common, NOTIFIER_HTTP_PORT: String(ports.notifier) },
  };
  for (const [name, extra] of Object.entries(options.env ?? {}))
    Object.assign(env[name as ServiceName], extra);
  const urls = {
    ingest: `http://127.0.0.1:${ports.ingest}`,
    api: `http://127.0.0.1:${ports.api}`,
    analyzer: `http://127.0.0.1:${ports.analyzer}`,
    writer: `http://127.0.0.1:${ports.writer}`,
    notifier: `http://127.0.0.1:${ports.notifier}`,
  };
  const services = new Map<ServiceName, RunningService>();
  const start = async (name: ServiceName): Promise<RunningService> => {
    const service = startService(name, env[name]);
    services.set(name, service);
    await waitUntilReady(service, `${urls[name]}/readyz`, 60_000);
    return service;
  };
  await Promise.all(names.map(start));
  return {
    prefix,
    kafka,
    pool,
    urls,
    services,
    env,
    start,
    stop: async () => {
      await Promise.all([...services.values()].map((s) => s.stop()));
      await pool.end();
    },
  };
};

export const postWebhook = (
  stack: TestStack,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${stack.urls.ingest}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': INGEST_TOKEN, ...headers },
    body: JSON.stringify(body),
  });

export const apiRequest = (stack: TestStack, method: string, path: string, body?: unknown) =>
  fetch(`${stack.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** On a failed test, print the tail of every service's log: the why is usually there. */
export const printLogsOnFailure = (getStack: () => TestStack | undefined): void => {
  afterEach((ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [name, service] of getStack()?.services ?? []) {
      console.error(`--- ${name} (last lines) ---\n${service.output().slice(-3000)}`);
    }
  });
};

/**
 * Waits until the stack's analyzer uses the keyword lists and rules as they are in
 * Postgres now (its revision gauges have reached the stored revisions), so the next event
 * sees them.
 */
export const waitForAnalyzerConfig = async (stack: TestStack): Promise<void> => {
  const { rows } = await stack.pool.query<{ lists: string; rules: string }>(
    `SELECT (SELECT revision FROM keyword_lists_revision)::text AS lists,
            (SELECT revision FROM rules_revision)::text AS rules`,
  );
  const want = { lists: Number(rows[0]?.lists ?? 0), rules: Number(rows[0]?.rules ?? 0) };
  const gauge = (text: string, name: string): number =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? -1);
  await waitFor(
    async () => {
      const text = await (await fetch(`${stack.urls.analyzer}/metrics`)).text();
      return (
        gauge(text, 'callpulse_analyzer_keyword_lists_revision') >= want.lists &&
        gauge(text, 'callpulse_analyzer_rules_revision') >= want.rules
      );
    },
    {
      timeoutMs: 60_000,
      what: `the analyzer to load lists revision ${want.lists} and rules revision ${want.rules}`,
    },
  );
};
