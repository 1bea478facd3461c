import {
  createBatchingPublisher,
  createKafka,
  createProducer,
  ensureTopics,
  topicNames,
} from '@callpulse/kafka';
import {
  createLogger,
  createMetricsRegistry,
  exitOnFatal,
  onShutdown,
  parseConfig,
} from '@callpulse/runtime';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import { createIngestMetrics } from './metrics.js';
import { openSpool } from './spool.js';
import { createSpooledPublish } from './spooled-publish.js';

const config = parseConfig(configSchema, process.env);
const logger = createLogger({ service: 'ingest', level: config.LOG_LEVEL });
exitOnFatal(logger);

const topics = topicNames(config.KAFKA_TOPIC_PREFIX);
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'callpulse-ingest', logger });
const registry = createMetricsRegistry('ingest');
const metrics = createIngestMetrics(registry);

if (!config.INGEST_AUTH_HEADER) {
  logger.warn(
    '!!! NO AUTHENTICATION: anyone who can reach this port can post webhooks. ' +
      'Set INGEST_AUTH_HEADER and INGEST_AUTH_TOKENS (and the same header in the provider). !!!',
  );
}

await ensureTopics(kafka, [
  {
    topic: topics.callEvents,
    numPartitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  },
]);
const producer = createProducer(kafka);
let kafkaConnected = false;
producer.on(producer.events.CONNECT, () => (kafkaConnected = true));
producer.on(producer.events.DISCONNECT, () => (kafkaConnected = false));
await producer.connect();

const publisher = createBatchingPublisher({
  producer,
  topic: topics.callEvents,
  lingerMs: config.INGEST_LINGER_MS,
  maxBatchMessages: config.INGEST_MAX_BATCH,
  timeoutMs: config.INGEST_PUBLISH_TIMEOUT_MS,
  onBatch: ({ size, ok }) => {
    metrics.batchSize.observe(size);
    if (!ok) metrics.batchFailures.inc();
  },
});

const spool = config.INGEST_SPOOL_DIR
  ? await openSpool({ dir: config.INGEST_SPOOL_DIR, maxBytes: config.INGEST_SPOOL_MAX_BYTES })
  : null;
const spooled = spool
  ? createSpooledPublish({
      publish: (message) => publisher.publish(message),
      spool,
      logger,
      onSpooled: () => metrics.spooled.inc(),
    })
  : null;

const app = createApp({
  publish: spooled ? spooled.publish : (message) => publisher.publish(message),
  auth: config.INGEST_AUTH_HEADER
    ? { header: config.INGEST_AUTH_HEADER, tokens: config.INGEST_AUTH_TOKENS }
    : null,
  signingSecret: config.INGEST_SIGNING_SECRET || null,
  maxBodyBytes: config.INGEST_MAX_BODY_BYTES,
  registry,
  metrics,
  logger,
  isReady: () => kafkaConnected,
});

const server = app.listen(config.INGEST_PORT, config.INGEST_HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.INGEST_PORT;
  logger.info({ port, topic: topics.callEvents }, `ingest listening on :${port} (POST /webhooks)`);
});
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout

onShutdown(logger, async () => {
  // Stop accepting, let in-flight requests finish (they wait for their Kafka ack), flush.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await publisher.flush();
  await spooled?.idle();
  await closed;
  await producer.disconnect();
});
