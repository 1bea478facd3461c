import { createPool, describeDbError } from '@callpulse/db';
import {
  allTopics,
  createConsumer,
  createKafka,
  createProducer,
  ensureTopics,
  runBatches,
  sendToDeadLetter,
  topicNames,
} from '@callpulse/kafka';
import {
  createHealthServer,
  createLogger,
  createMetricsRegistry,
  exitOnFatal,
  onShutdown,
  parseConfig,
} from '@callpulse/runtime';
import { createBatchWriter } from './batch-writer.js';
import { configSchema } from './config.js';
import { createWriterMetrics } from './metrics.js';

const config = parseConfig(configSchema, process.env);
const logger = createLogger({ service: 'writer', level: config.LOG_LEVEL });
exitOnFatal(logger);

const topics = topicNames(config.KAFKA_TOPIC_PREFIX);
const registry = createMetricsRegistry('writer');
const metrics = createWriterMetrics(registry);
const pool = createPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_SIZE,
  applicationName: 'callpulse-writer',
  onError: (error) => logger.warn({ err: error }, 'idle Postgres connection failed'),
});
try {
  await pool.query('SELECT 1');
} catch (error) {
  logger.fatal(describeDbError(error, config.DATABASE_URL));
  process.exit(1);
}

const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'callpulse-writer', logger });
await ensureTopics(
  kafka,
  allTopics(topics).map((topic) => ({
    topic,
    numPartitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  })),
);
const producer = createProducer(kafka);
await producer.connect();
const consumer = createConsumer(kafka, {
  groupId: `${config.KAFKA_TOPIC_PREFIX}writer`,
  sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
});
let joined = false;
consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
consumer.on(consumer.events.CRASH, ({ payload }) => {
  joined = false;
  logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
  if (!payload.restart) process.exit(1);
});

const health = createHealthServer({ registry, isReady: () => joined });
health.listen(config.WRITER_HTTP_PORT, () =>
  logger.info({ port: config.WRITER_HTTP_PORT }, 'writer health on /healthz, /readyz, /metrics'),
);

const handle = createBatchWriter({
  pool,
  topics,
  maxAttempts: config.WRITER_MAX_ATTEMPTS,
  metrics,
  logger,
  deadLetter: (from, message, error) =>
    sendToDeadLetter({
      producer,
      deadLetterTopic: topics.deadLetter,
      from,
      message,
      error,
      service: 'writer',
    }),
});

await consumer.connect();
await runBatches({
  consumer,
  topics: [topics.callEvents, topics.analysis],
  handle,
  partitionsConsumedConcurrently: config.WRITER_CONCURRENCY,
});
logger.info({ topics: [topics.callEvents, topics.analysis] }, 'writer consuming');

onShutdown(logger, async () => {
  // Stops fetching and waits for the batch in flight to commit and its offsets too.
  await consumer.disconnect();
  await producer.disconnect();
  await pool.end();
  await new Promise<void>((resolve) => health.close(() => resolve()));
});
