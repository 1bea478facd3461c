import { openPool } from '@callpulse/db';
import { sendAcked, startPipelineWorker } from '@callpulse/kafka';
import { startService } from '@callpulse/runtime';
import { createBatchAnalyzer } from './batch-analyzer.js';
import { configSchema } from './config.js';
import { createKeywordListSource } from './keyword-lists.js';
import { createAnalyzerMetrics } from './metrics.js';

const service = startService({ name: 'analyzer', configSchema });
const { config, logger } = service;
// Probes first: while Kafka is away the analyzer is alive but not ready, and says so.
const probes = await service.serveProbes({ port: config.ANALYZER_HTTP_PORT, dependency: 'kafka' });
const metrics = createAnalyzerMetrics(service.registry);

// Keyword lists are all it reads from Postgres: on start, on NOTIFY, now and then.
const connectionString = config.DATABASE_URL;
const pool = await openPool({ connectionString, max: 2, service: 'analyzer', logger }).catch(
  service.fail,
);
const lists = createKeywordListSource({
  pool,
  connectionString,
  overrides: config.SENTIMENT_OVERRIDES,
  reloadMs: config.KEYWORD_LISTS_RELOAD_MS,
  logger,
  onLoaded: (revision) => metrics.keywordListsRevision.set(Number(revision)),
});
await lists.start();

const worker = await startPipelineWorker(service, {
  concurrency: config.ANALYZER_CONCURRENCY,
  subscribe: (topics) => [topics.callEvents],
  handler: ({ topics, producer, deadLetter }) =>
    createBatchAnalyzer({
      current: lists.current,
      // Resolves once Kafka has every result; only then are the inputs committed.
      send: (messages) => sendAcked(producer, topics.analysis, messages),
      deadLetter,
      maxAttempts: config.ANALYZER_MAX_ATTEMPTS,
      metrics,
      logger,
    }),
});
probes.readyWhen(worker.isReady);

service.onStop(() => worker.stop());
service.onStop(() => lists.close());
service.onStop(() => pool.end());
