export type { Pool, PoolClient } from 'pg';
export { mergeCallRows } from './call-rows.js';
export type { CallRow, CallStatus } from './call-rows.js';
export { CALL_SENTIMENT_COLUMNS, countCallsOverTime, getCall, listCalls } from './calls-query.js';
export type { CallFilters } from './calls-query.js';
export { dropDatabase, ensureDatabase, withDatabase } from './database.js';
export { describeDbError, isLockConflict, isTransientDbError, safeTarget } from './errors.js';
export {
  deleteKeywordList,
  getKeywordList,
  isUnused,
  KEYWORD_LISTS_CHANNEL,
  listKeywordLists,
  loadKeywordLists,
  putKeywordList,
  rulesUsingList,
} from './keyword-lists.js';
export type { KeywordListInput, StoredKeywordList } from './keyword-lists.js';
export { migrate } from './migrate.js';
export { findMigrationsDir } from './migrations-dir.js';
export type { MigrationResult } from './migrate.js';
export { createPool } from './pool.js';
export { DatabaseUnavailableError, isReachable, openPool } from './open-pool.js';
export { inTransaction } from './transaction.js';
export { writeAnalysis } from './write-analysis.js';
export { writeCallEvents } from './write-call-events.js';
export type { StoredCallEvent } from './write-call-events.js';
export { listenForChanges } from './listen.js';
export { CALL_CHANGED_CHANNEL, parseCallChanged } from './call-changed.js';
export { listLiveCalls } from './live-calls.js';
export type { LiveCallKey, LiveCallsOptions } from './live-calls.js';
export { countCallAlerts } from './call-alerts.js';
export { deleteRule, getRule, loadRules, putRule, RULES_CHANNEL } from './rules.js';
export type { RuleInput, StoredRule } from './rules.js';
export {
  loadOpenRuleStates,
  loadRuleStates,
  pruneRuleStates,
  saveRuleStates,
} from './rule-state.js';
export type { CallKey, OpenRuleState } from './rule-state.js';
export { writeRuleMatches } from './write-rule-matches.js';
export { listCallsPage, loadCallEventBodies, loadStoredVerdicts } from './replay-queries.js';
export type { StoredEventBody } from './replay-queries.js';
export { checkCallFigures, refreshCallFigures } from './call-figures.js';
export type { FiguresDifference } from './call-figures.js';
export { writeBatch } from './write-batch.js';
export type { WriterBatch } from './write-batch.js';
export { applyRetention } from './retention.js';
export { analyzeStaleTables, autovacuumRuns, QUESTION_TABLES } from './statistics.js';
export type { RetentionReport } from './retention.js';
export {
  createDetailPartitions,
  daysAround,
  DETAIL_TABLES,
  listDetailPartitionDays,
  PARTITION_DAYS_AHEAD,
  utcDay,
} from './partitions.js';
export {
  deleteDestination,
  DESTINATIONS_CHANNEL,
  getDestination,
  listDestinations,
  putDestination,
  rulesNotifying,
} from './destinations.js';
export type { StoredDestination } from './destinations.js';
export {
  ALERTS_PENDING_CHANNEL,
  claimSender,
  destinationsWithPending,
  enqueueAlerts,
  listAlerts,
  loadCallFacts,
  markDeliveryDead,
  pendingDeliveries,
  recordAttempt,
  releaseSender,
} from './alert-deliveries.js';
export type { AlertRecord, CallFacts, NewAlert, PendingDelivery } from './alert-deliveries.js';
