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
const pool = createPool({
  connectionString: config.DATABASE_URL,
  max: 2,
  applicationName: 'callpulse-analyzer',
  onError: (error) => logger.warn({ err: error }, 'idle Postgres connection failed'),
});
const lists = createKeywordListSource({
  pool,
  connectionString: config.DATABASE_URL,
  overrides: config.SENTIMENT_OVERRIDES,
  reloadMs: config.KEYWORD_LISTS_RELOAD_MS,
  logger,
});
try {
  await lists.start();
} catch (error) {
  logger.fatal(describeDbError(error, config.DATABASE_URL));
  process.exit(1);
}

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
const consumer = createConsumer(kafka, {
  groupId: `${config.KAFKA_TOPIC_PREFIX}analyzer`,
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
health.listen(config.ANALYZER_HTTP_PORT, () =>
  logger.info(
    { port: config.ANALYZER_HTTP_PORT },
    'analyzer health on /healthz, /readyz, /metrics',
  ),
);

const handle = createBatchAnalyzer({
  current: lists.current,
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
});

await consumer.connect();
await runBatches({
  consumer,
  topics: [topics.callEvents],
  handle,
  partitionsConsumedConcurrently: config.ANALYZER_CONCURRENCY,
});
logger.info({ from: topics.callEvents, to: topics.analysis }, 'analyzer consuming');

onShutdown(logger, async () => {
  await consumer.disconnect();
  await producer.disconnect();
  await lists.close();
  await pool.end();
  await new Promise<void>((resolve) => health.close(() => resolve()));
});
