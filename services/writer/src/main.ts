import { openPool } from '@callpulse/db';
import { startPipelineWorker } from '@callpulse/kafka';
import { startService } from '@callpulse/runtime';
import { createBatchWriter } from './batch-writer.js';
import { configSchema } from './config.js';
import { createWriterMetrics } from './metrics.js';
import { startPartitionKeeper } from './partitions.js';
import { startRetention } from './retention.js';
import { startStatisticsKeeper } from './statistics.js';

const service = startService({ name: 'writer', configSchema });
const { config, logger } = service;
const probes = await service.serveProbes({ port: config.WRITER_HTTP_PORT, dependency: 'kafka' });
const metrics = createWriterMetrics(service.registry);
const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE: max } = config;
const pool = await openPool({ connectionString, max, service: 'writer', logger }).catch(
  service.fail,
);

const partitions = await startPartitionKeeper({ pool, logger });
const statistics = await startStatisticsKeeper({ pool, logger });

const worker = await startPipelineWorker(service, {
  concurrency: config.WRITER_CONCURRENCY,
  subscribe: (topics) => [topics.callEvents, topics.analysis, topics.ruleMatches],
  // Its producer carries dead letters only: the writer's output is Postgres.
  handler: ({ topics, deadLetter }) =>
    createBatchWriter({
      pool,
      topics,
      maxAttempts: config.WRITER_MAX_ATTEMPTS,
      metrics,
      logger,
      deadLetter,
      partitions,
    }),
});
probes.readyWhen(worker.isReady);

const retention =
  config.RETENTION_DAYS > 0 ? startRetention({ pool, days: config.RETENTION_DAYS, logger }) : null;

// Stops fetching and waits for the batch in flight to commit, and its offsets too.
service.onStop(() => worker.stop());
service.onStop(async () => retention?.stop());
service.onStop(() => partitions.stop());
service.onStop(() => statistics.stop());
service.onStop(() => pool.end());
