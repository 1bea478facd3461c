import { openPool } from '@callpulse/db';
import {
  allTopics,
  createKafka,
  createProducer,
  ensureTopics,
  sendToDeadLetter,
  startWorker,
  topicNames,
} from '@callpulse/kafka';
import {
  createHealthServer,
  createLogger,
  createMetricsRegistry,
  exitOnFatal,
  exitWith,
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
const pool = await openPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_SIZE,
  applicationName: 'callpulse-writer',
  onError: (error) => logger.warn({ err: error }, 'idle Postgres connection failed'),
}).catch((error: Error) => exitWith(logger, error.message));

const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'callpulse-writer', logger });
await ensureTopics(
  kafka,
  allTopics(topics).map((topic) => ({
    topic,
    numPartitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  })),
);
const producer = createProducer(kafka); // for the dead-letter topic
await producer.connect();

const worker = await startWorker({
  kafka,
  groupId: `${config.KAFKA_TOPIC_PREFIX}writer`,
  topics: [topics.callEvents, topics.analysis],
  sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
  concurrency: config.WRITER_CONCURRENCY,
  logger,
  handle: createBatchWriter({
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
  }),
});

const health = createHealthServer({ registry, isReady: worker.isReady });
health.listen(config.WRITER_HTTP_PORT, () =>
  logger.info({ port: config.WRITER_HTTP_PORT }, 'writer health on /healthz, /readyz, /metrics'),
);

onShutdown(logger, async () => {
  // Stops fetching and waits for the batch in flight to commit, and its offsets too.
  await worker.stop();
  await producer.disconnect();
  await pool.end();
  await new Promise<void>((resolve) => health.close(() => resolve()));
});
