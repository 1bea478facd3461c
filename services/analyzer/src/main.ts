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
import { createBatchAnalyzer } from './batch-analyzer.js';
import { configSchema } from './config.js';
import { createKeywordListSource } from './keyword-lists.js';
import { createAnalyzerMetrics } from './metrics.js';

const config = parseConfig(configSchema, process.env);
const logger = createLogger({ service: 'analyzer', level: config.LOG_LEVEL });
exitOnFatal(logger);

const topics = topicNames(config.KAFKA_TOPIC_PREFIX);
const registry = createMetricsRegistry('analyzer');
const metrics = createAnalyzerMetrics(registry);
const pool = await openPool({
  connectionString: config.DATABASE_URL,
  max: 2,
  applicationName: 'callpulse-analyzer',
  onError: (error) => logger.warn({ err: error }, 'idle Postgres connection failed'),
}).catch((error: Error) => exitWith(logger, error.message));
const lists = createKeywordListSource({
  pool,
  connectionString: config.DATABASE_URL,
  overrides: config.SENTIMENT_OVERRIDES,
  reloadMs: config.KEYWORD_LISTS_RELOAD_MS,
  logger,
});
await lists.start();

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: 'callpulse-analyzer',
  logger,
});
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

const worker = await startWorker({
  kafka,
  groupId: `${config.KAFKA_TOPIC_PREFIX}analyzer`,
  topics: [topics.callEvents],
  sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
  concurrency: config.ANALYZER_CONCURRENCY,
  logger,
  handle: createBatchAnalyzer({
    current: lists.current,
    // Resolves once Kafka has every result (acks = all); only then are inputs committed.
    send: async (messages) => {
      await producer.send({ topic: topics.analysis, acks: -1, messages });
    },
    deadLetter: (from, message, error) =>
      sendToDeadLetter({
        producer,
        deadLetterTopic: topics.deadLetter,
        from,
        message,
        error,
        service: 'analyzer',
      }),
    maxAttempts: config.ANALYZER_MAX_ATTEMPTS,
    metrics,
    logger,
  }),
});

const health = createHealthServer({ registry, isReady: worker.isReady });
health.listen(config.ANALYZER_HTTP_PORT, () =>
  logger.info(
    { port: config.ANALYZER_HTTP_PORT },
    'analyzer health on /healthz, /readyz, /metrics',
  ),
);

onShutdown(logger, async () => {
  await worker.stop();
  await producer.disconnect();
  await lists.close();
  await pool.end();
  await new Promise<void>((resolve) => health.close(() => resolve()));
});
