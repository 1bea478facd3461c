import type { Logger } from '@callpulse/runtime';
import { ruleMatchMessages, type AnalyzerOutput } from './batch-analyzer.js';
import type { createKeyedLock } from './keyed-lock.js';
import type { AnalyzerMetrics } from './metrics.js';
import type { RuleTracker } from './rule-tracker.js';

/**
 * Every `everyMs`, decides the rule deadlines of calls that went quiet ("no recording
 * notice within 30 s" with no later event to show the 30 s have passed), partition by
 * partition under the same lock as that partition's batches.
 */
export const startSweeper = ({
  rules,
  lock,
  publish,
  partitions,
  everyMs,
  latenessS,
  metrics,
  logger,
}: {
  rules: RuleTracker;
  lock: ReturnType<typeof createKeyedLock>;
  publish: (output: AnalyzerOutput) => Promise<void>;
  /** The partitions this member holds calls of now. */
  partitions: () => Iterable<number>;
  everyMs: number;
  latenessS: number;
  metrics: AnalyzerMetrics;
  logger: Logger;
}) => {
  let running: Promise<void> | null = null;
  const sweepAll = async (): Promise<void> => {
    for (const partition of partitions()) {
      await lock(partition, async () => {
        const outcome = rules.sweep(partition, latenessS);
        if (outcome.states.size === 0) return;
        const ruleMatches = ruleMatchMessages(outcome.matches);
        if (ruleMatches.length > 0) await publish({ analysis: [], ruleMatches });
        metrics.ruleMatches.inc(outcome.matches.length);
        await rules.commit(outcome);
      });
    }
  };
  const timer = setInterval(() => {
    running ??= sweepAll()
      .catch((error: unknown) => logger.warn({ err: error }, 'rule sweep failed; will retry'))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
