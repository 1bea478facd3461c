import { Counter, Gauge, Histogram, type Registry } from '@callpulse/runtime';

export const createAnalyzerMetrics = (registry: Registry) => ({
  analyzed: new Counter({
    name: 'callpulse_analyzer_messages_total',
    help: 'Call events consumed, by what was produced (fragment_score, call_summary, none)',
    labelNames: ['output'] as const,
    registers: [registry],
  }),
  batchSeconds: new Histogram({
    name: 'callpulse_analyzer_batch_seconds',
    help: 'Time to analyze a batch and have Kafka acknowledge its output',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
  keywordListsRevision: new Gauge({
    name: 'callpulse_analyzer_keyword_lists_revision',
    help: 'The keyword-lists revision the analyzer is using now',
    registers: [registry],
  }),
  ruleMatches: new Counter({
    name: 'callpulse_analyzer_rule_matches_total',
    help: 'Rule matches decided (live firings, confirmations, retractions, final-only)',
    registers: [registry],
  }),
  rulesRevision: new Gauge({
    name: 'callpulse_analyzer_rules_revision',
    help: 'The rules revision the analyzer is using now',
    registers: [registry],
  }),
  deadLetters: new Counter({
    name: 'callpulse_analyzer_dead_letters_total',
    help: 'Messages sent to the dead-letter topic',
    registers: [registry],
  }),
});

export type AnalyzerMetrics = ReturnType<typeof createAnalyzerMetrics>;
