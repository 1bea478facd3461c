import {
  loadOpenRuleStates,
  loadRuleStates,
  openPool,
  pruneRuleStates,
  saveRuleStates,
} from '@callpulse/db';
import { startPipelineWorker } from '@callpulse/kafka';
import { startService } from '@callpulse/runtime';
import { createBatchAnalyzer } from './batch-analyzer.js';
import { configSchema } from './config.js';
import { createConfigSource } from './config-source.js';
import { createKeyedLock } from './keyed-lock.js';
import { createAnalyzerMetrics } from './metrics.js';
import { createOutputPublisher } from './publish.js';
import { createRuleTracker } from './rule-tracker.js';
import { startStatePruner, startSweeper } from './sweeper.js';

const service = startService({ name: 'analyzer', configSchema });
const { config, logger } = service;
// Probes first: while Kafka is away the analyzer is alive but not ready, and says so.
const probes = await service.serveProbes({ port: config.ANALYZER_HTTP_PORT, dependency: 'kafka' });
const metrics = createAnalyzerMetrics(service.registry);

// Keyword lists, rules and the rules' per-call state: all it keeps in Postgres.
const connectionString = config.DATABASE_URL;
const pool = await openPool({ connectionString, max: 3, service: 'analyzer', logger }).catch(
  service.fail,
);
const source = createConfigSource({
  pool,
  connectionString,
  overrides: config.SENTIMENT_OVERRIDES,
  reloadMs: config.KEYWORD_LISTS_RELOAD_MS,
  logger,
  onLoaded: ({ lists, rules }) => {
    metrics.keywordListsRevision.set(Number(lists));
    metrics.rulesRevision.set(Number(rules));
  },
});
await source.start();
// Set once the worker runs; the tracker asks only after a (re)join, which comes later.
let isCaughtUp: (partition: number) => Promise<boolean> = () => Promise.resolve(false);
const rules = createRuleTracker({
  isCaughtUp: (partition) => isCaughtUp(partition),
  store: {
    load: (calls) => loadRuleStates(pool, calls),
    loadOpen: (partition) => loadOpenRuleStates(pool, partition),
    save: (s) => saveRuleStates(pool, s),
  },
  current: source.current,
  onError: (event, error) =>
    logger.error({ err: error, eventId: event.eventId }, 'rule evaluation failed; event skipped'),
  onSweepError: (call, error) =>
    logger.error({ err: error, source: call.source, callId: call.callId }, 'rule sweep failed'),
});
const lock = createKeyedLock();

const worker = await startPipelineWorker(service, {
  concurrency: config.ANALYZER_CONCURRENCY,
  subscribe: (topics) => [topics.callEvents],
  onJoin: (assigned) => rules.assign(assigned.map((a) => a.partition)),
  handler: (connection) =>
    createBatchAnalyzer({
      current: source.current,
      // Resolves once Kafka has every result; only then are the inputs committed.
      publish: createOutputPublisher(connection),
      deadLetter: connection.deadLetter,
      rules,
      lock,
      metrics,
      logger,
    }),
});
probes.readyWhen(worker.isReady);
isCaughtUp = (partition) =>
  worker.isCaughtUp({ topic: worker.connection.topics.callEvents, partition });
const sweeper = startSweeper({
  rules,
  lock,
  publish: createOutputPublisher(worker.connection),
  partitions: rules.partitions,
  everyMs: config.RULES_SWEEP_MS,
  latenessS: config.RULES_ALLOWED_LATENESS_S,
  metrics,
  logger,
});

const pruner = startStatePruner({
  prune: (cutoffs) => pruneRuleStates(pool, cutoffs),
  endedHours: config.RULE_STATE_RETENTION_HOURS,
  everyMs: 10 * 60_000,
  logger,
});

service.onStop(() => pruner.stop());
service.onStop(() => sweeper.stop());
service.onStop(() => worker.stop());
service.onStop(() => source.close());
service.onStop(() => pool.end());
