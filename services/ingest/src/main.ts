import {
  createBatchingPublisher,
  createKafka,
  createProducer,
  ensureTopics,
  topicNames,
} from '@callpulse/kafka';
import { startService } from '@callpulse/runtime';
import { createRedactor } from '@callpulse/redact';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import { createIngestMetrics } from './metrics.js';
import { createEventRedactor } from './redact-event.js';
import { openSpool } from './spool.js';
import { createSpooledPublish } from './spooled-publish.js';

const { config, logger, registry, onStop, listen, untilItWorks } = startService({
  name: 'ingest',
  configSchema,
});

const topics = topicNames(config.KAFKA_TOPIC_PREFIX);
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'callpulse-ingest', logger });
const metrics = createIngestMetrics(registry);

if (!config.INGEST_AUTH_HEADER) {
  logger.warn(
    '!!! NO AUTHENTICATION: anyone who can reach this port can post webhooks. ' +
      'Set INGEST_AUTH_HEADER and INGEST_AUTH_TOKENS (and the same header in the provider). !!!',
  );
}

await untilItWorks('creating Kafka topics', () =>
  ensureTopics(kafka, [
    {
      topic: topics.callEvents,
      numPartitions: config.KAFKA_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    },
  ]),
);
const producer = createProducer(kafka, { logger });
await untilItWorks('connecting to Kafka', () => producer.connect());

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

const redactor = createEventRedactor({
  redactor:
    config.REDACT === 'on'
      ? createRedactor({ types: config.REDACT_TYPES, custom: config.REDACT_CUSTOM })
      : null,
  callerNumbers: config.REDACT_CALLER_NUMBERS,
  hashKey: config.REDACT_HASH_KEY,
});
if (config.REDACT === 'off') {
  logger.warn('REDACT=off: transcripts are published and stored as the provider sent them');
}

const app = createApp({
  publish: spooled ? spooled.publish : (message) => publisher.publish(message),
  auth: config.INGEST_AUTH_HEADER
    ? { header: config.INGEST_AUTH_HEADER, tokens: config.INGEST_AUTH_TOKENS }
    : null,
  redact: (event) => redactor.redact(event),
  eventIdOf: (body) => redactor.eventId(body),
  signingSecret: config.INGEST_SIGNING_SECRET || null,
  maxBodyBytes: config.INGEST_MAX_BODY_BYTES,
  registry,
  metrics,
  logger,
  isReady: () => producer.isConnected(),
});

const server = await listen(app, { port: config.INGEST_PORT, host: config.INGEST_HOST });
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
logger.info({ topic: topics.callEvents }, 'POST /webhooks');

// The server has stopped taking requests by now; those in flight wait for their Kafka ack.
onStop(() => publisher.flush());
onStop(async () => spooled?.idle());
onStop(() => producer.disconnect());
