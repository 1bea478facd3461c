import { openPool } from '@callpulse/db';
import { connectPipeline, createKafka, startWorker, type Worker } from '@callpulse/kafka';
import { createServiceApp, exitWith, startService } from '@callpulse/runtime';
import { createBatchWriter } from './batch-writer.js';
import { configSchema } from './config.js';
import { createWriterMetrics } from './metrics.js';

const { config, logger, registry, onStop, listen, untilItWorks } = startService({
  name: 'writer',
  configSchema,
});
const metrics = createWriterMetrics(registry);

// Health first: while Kafka is away the service is alive but not ready, and says so.
let worker: Worker | null = null;
await listen(
  createServiceApp({
    logger,
    registry,
    isReady: () => worker?.isReady() ?? false,
    dependency: 'kafka',
  }),
  { port: config.WRITER_HTTP_PORT },
);

const pool = await openPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_SIZE,
  applicationName: 'callpulse-writer',
  onError: (error) => logger.warn({ err: error }, 'idle Postgres connection failed'),
}).catch((error: Error) => exitWith(logger, error.message));

const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'callpulse-writer', logger });
// The producer carries dead letters only: the writer's output is Postgres.
const { topics, producer, deadLetter } = await connectPipeline({
  kafka,
  topicPrefix: config.KAFKA_TOPIC_PREFIX,
  numPartitions: config.KAFKA_PARTITIONS,
  replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  service: 'writer',
  retry: untilItWorks,
});

worker = await startWorker({
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
    deadLetter,
  }),
});

// Stops fetching and waits for the batch in flight to commit, and its offsets too.
onStop(async () => worker?.stop());
onStop(() => producer.disconnect());
onStop(() => pool.end());
