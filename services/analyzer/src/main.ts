import { openPool } from '@callpulse/db';
import {
  connectPipeline,
  createKafka,
  sendAcked,
  startWorker,
  type Worker,
} from '@callpulse/kafka';
import { createServiceApp, exitWith, startService } from '@callpulse/runtime';
import { createBatchAnalyzer } from './batch-analyzer.js';
import { configSchema } from './config.js';
import { createKeywordListSource } from './keyword-lists.js';
import { createAnalyzerMetrics } from './metrics.js';

const { config, logger, registry, onStop, listen, untilItWorks } = startService({
  name: 'analyzer',
  configSchema,
});
const metrics = createAnalyzerMetrics(registry);

// Health first: while Kafka is away the service is alive but not ready, and says so.
let worker: Worker | null = null;
await listen(
  createServiceApp({
    logger,
    registry,
    isReady: () => worker?.isReady() ?? false,
    dependency: 'kafka',
  }),
  { port: config.ANALYZER_HTTP_PORT },
);

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
  onLoaded: (revision) => metrics.keywordListsRevision.set(Number(revision)),
});
await lists.start();

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: 'callpulse-analyzer',
  logger,
});
const { topics, producer, deadLetter } = await connectPipeline({
  kafka,
  topicPrefix: config.KAFKA_TOPIC_PREFIX,
  numPartitions: config.KAFKA_PARTITIONS,
  replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  service: 'analyzer',
  retry: untilItWorks,
});

worker = await startWorker({
  kafka,
  groupId: `${config.KAFKA_TOPIC_PREFIX}analyzer`,
  topics: [topics.callEvents],
  sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
  concurrency: config.ANALYZER_CONCURRENCY,
  logger,
  handle: createBatchAnalyzer({
    current: lists.current,
    // Resolves once Kafka has every result; only then are the inputs committed.
    send: (messages) => sendAcked(producer, topics.analysis, messages),
    deadLetter,
    maxAttempts: config.ANALYZER_MAX_ATTEMPTS,
    metrics,
    logger,
  }),
});

onStop(async () => worker?.stop());
onStop(() => producer.disconnect());
onStop(() => lists.close());
onStop(() => pool.end());
