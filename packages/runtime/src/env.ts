import { z } from 'zod';

// Small helpers for environment schemas: every variable arrives as a string or not at all.

export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);

export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

export const boolFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list; blanks dropped. */
export const csv = (fallback = '') =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    );

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/**
 * The variables more than one process reads (every service, the CLI, the benchmarks),
 * each defined once here. A service's config.ts spreads the groups it uses and adds its own.
 */
export const commonEnv = {
  // Comma-separated bootstrap brokers.
  KAFKA_BROKERS: csv('127.0.0.1:9092').refine((v) => v.length > 0, 'at least one host:port'),
  // Prefix of topic and consumer-group names; parallel stacks and tests use their own.
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, . _ - only')
    .default('callpulse.'),
  // Postgres; `npm start` creates the database when it is missing.
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/callpulse'),
  // pino level.
  LOG_LEVEL: logLevel(),
};

/** Topics a process creates when they are missing. */
export const topicEnv = {
  // Partitions of topics created here: the most consumers a group can use at once.
  KAFKA_PARTITIONS: positiveInt(6),
  // Replicas of topics created here.
  KAFKA_REPLICATION_FACTOR: positiveInt(1),
};

/** Consumer-group members (analyzer, writer). */
export const consumerEnv = {
  // A member silent this long is presumed dead and its partitions move to others.
  KAFKA_SESSION_TIMEOUT_MS: positiveInt(10_000),
};

/** Processes holding a Postgres pool for their work (writer, api). */
export const poolEnv = {
  // Connections per process.
  DATABASE_POOL_SIZE: positiveInt(5),
};

/** Where each service listens: services bind them, `callpulse stack` and `send` find them. */
export const portEnv = {
  // Webhook port (ingest).
  INGEST_PORT: port(8080),
  // API port.
  API_PORT: port(8081),
  // Analyzer /healthz, /readyz, /metrics.
  ANALYZER_HTTP_PORT: port(8082),
  // Writer /healthz, /readyz, /metrics.
  WRITER_HTTP_PORT: port(8083),
  // Notifier /healthz, /readyz, /metrics.
  NOTIFIER_HTTP_PORT: port(8084),
};

/** Alert destinations: checked when saved (api, CLI) and when sent to (notifier, CLI). */
export const alertsEnv = {
  // Lets destinations point at private, loopback and link-local addresses (off: refused).
  ALERTS_ALLOW_PRIVATE_URLS: boolFlag(false),
};

/** Ingest's webhook auth, also read by `callpulse send` to authenticate its posts. */
export const ingestAuthEnv = {
  // The header the provider's "Additional Headers" setting sends, e.g. x-api-key.
  INGEST_AUTH_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[!#$%&'*+.^_`|~0-9a-z-]*$/, 'not a valid HTTP header name')
    .default(''),
  // Accepted values of that header, comma-separated: several allow rotation without downtime.
  INGEST_AUTH_TOKENS: csv(),
};

/** The local stack the CLI runs (`callpulse stack`, `callpulse kafka`). */
export const localStackEnv = {
  // Port of the local broker.
  KAFKA_PORT: port(9092),
  // Kafka jar cache, shared by every checkout.
  CALLPULSE_CACHE_DIR: z.string().default(''),
  // Local broker data and log, stack lock (per checkout).
  CALLPULSE_DATA_DIR: z.string().default('.callpulse'),
  // Keyword lists applied when the stack starts (a JSON array).
  KEYWORD_LISTS_FILE: z.string().default(''),
  // Alert destinations applied when the stack starts (a JSON array), before the rules.
  DESTINATIONS_FILE: z.string().default(''),
  // Rules applied when the stack starts (a JSON array), after the keyword lists.
  RULES_FILE: z.string().default(''),
};
