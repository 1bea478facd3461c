import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  ALERTS_PENDING_CHANNEL,
  DESTINATIONS_CHANNEL,
  listenForChanges,
  openPool,
} from '@callpulse/db';
import { startPipelineWorker } from '@callpulse/kafka';
import { startService } from '@callpulse/runtime';
import { configSchema } from './config.js';
import { createDestinationCache } from './destination-cache.js';
import { createDispatcher } from './dispatcher.js';
import { createAlertEnqueuer } from './enqueue-alerts.js';
import { createNotifierMetrics } from './metrics.js';

const service = startService({ name: 'notifier', configSchema });
const { config, logger } = service;
const probes = await service.serveProbes({ port: config.NOTIFIER_HTTP_PORT, dependency: 'kafka' });
const metrics = createNotifierMetrics(service.registry);
const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE: max } = config;
const pool = await openPool({ connectionString, max, service: 'notifier', logger }).catch(
  service.fail,
);
if (config.ALERTS_ALLOW_PRIVATE_URLS)
  logger.warn(
    'ALERTS_ALLOW_PRIVATE_URLS=true: alerts may be sent to private and loopback addresses',
  );

const destinations = createDestinationCache(pool);
await service.untilItWorks('loading destinations', () => destinations.reload());
const dispatcher = createDispatcher({
  pool,
  destinations,
  metrics,
  logger,
  settings: {
    allowPrivateUrls: config.ALERTS_ALLOW_PRIVATE_URLS,
    timeoutMs: config.ALERTS_TIMEOUT_MS,
    deadAfterMs: config.ALERTS_DEAD_AFTER_S * 1000,
    retryBaseMs: config.ALERTS_RETRY_BASE_MS,
    retryMaxMs: config.ALERTS_RETRY_MAX_MS,
    owner: `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`,
    // A lease must outlast the longest send, or a slow one would let another instance in.
    leaseMs: Math.max(config.ALERTS_LEASE_MS, 2 * config.ALERTS_TIMEOUT_MS),
    webhookPacing: {
      ratePerSecond: config.ALERTS_WEBHOOK_RATE_PER_S,
      burst: config.ALERTS_WEBHOOK_BURST,
    },
  },
});
const listener = listenForChanges({
  connectionString,
  channels: [DESTINATIONS_CHANNEL, ALERTS_PENDING_CHANNEL],
  onChange: (channel) => {
    // Another instance stored alerts: the sender of their destination may be here.
    if (channel === ALERTS_PENDING_CHANNEL) {
      dispatcher
        .resume()
        .catch((error: unknown) => logger.warn({ err: error }, 'cannot look for pending alerts'));
      return;
    }
    destinations
      .reload()
      .then(() => dispatcher.wake(destinations.names()))
      .catch((error: unknown) => logger.warn({ err: error }, 'cannot reload destinations'));
  },
  onError: (error) =>
    logger.warn({ err: error }, 'destination change listener failed; reconnecting'),
});
await service.untilItWorks('resuming pending alerts', () => dispatcher.resume());
// NOTIFY is the fast path; this catches a change made while the listener was reconnecting.
const reloadTimer = setInterval(() => {
  destinations
    .reload()
    .then(() => dispatcher.wake(destinations.names()))
    .catch((error: unknown) => logger.warn({ err: error }, 'cannot reload destinations'));
}, config.ALERTS_DESTINATIONS_RELOAD_MS);

const worker = await startPipelineWorker(service, {
  concurrency: config.NOTIFIER_CONCURRENCY,
  subscribe: (topics) => [topics.ruleMatches],
  handler: ({ deadLetter }) =>
    createAlertEnqueuer({
      pool,
      destinations,
      linkBaseUrl: config.ALERTS_LINK_BASE_URL,
      deadLetter,
      metrics,
      logger,
      onEnqueued: (names) => dispatcher.wake(names),
      callFactsWaitMs: config.ALERTS_CALL_WAIT_MS,
    }),
});
probes.readyWhen(worker.isReady);

// Stop taking matches (the batch in flight commits) and sending (a send in flight is
// abandoned, to be made again after the restart under the same id) at the same time.
service.onStop(async () => {
  await Promise.all([worker.stop(), dispatcher.stop()]);
});
service.onStop(async () => {
  clearInterval(reloadTimer);
  await listener.close();
});
service.onStop(() => pool.end());
