import { repeatEvery, type Logger } from '@callpulse/runtime';
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
  const sweepAll = async (): Promise<void> => {
    for (const partition of partitions()) {
      await lock(partition, async () => {
        await rules.restore(partition);
        const outcome = rules.sweep(partition, latenessS);
        if (outcome.states.size === 0) return;
        const ruleMatches = ruleMatchMessages(outcome.matches);
        if (ruleMatches.length > 0) await publish({ analysis: [], ruleMatches });
        metrics.ruleMatches.inc(outcome.matches.length);
        await rules.commit(outcome);
      });
    }
  };
  return repeatEvery({
    everyMs,
    task: sweepAll,
    onError: (error) => logger.warn({ err: error }, 'rule sweep failed; will retry'),
  });
};

// A call without call_ended (a provider that never sent it) keeps its state this long.
const OPEN_STATE_DAYS = 7;

/**
 * Every `everyMs`, deletes the rule states of calls ended more than `endedHours` ago (kept
 * that long so a late duplicate of their events decides nothing again) and of calls
 * quiet for `OPEN_STATE_DAYS` that never ended. Several analyzers may run it: deleting
 * twice is harmless.
 */
export const startStatePruner = ({
  prune,
  endedHours,
  everyMs,
  logger,
  now = () => Date.now(),
}: {
  prune: (cutoffs: { endedBefore: Date; openBefore: Date }) => Promise<number>;
  endedHours: number;
  everyMs: number;
  logger: Logger;
  now?: () => number;
}) => {
  const once = async (): Promise<void> => {
    const deleted = await prune({
      endedBefore: new Date(now() - endedHours * 3_600_000),
      openBefore: new Date(now() - OPEN_STATE_DAYS * 86_400_000),
    });
    if (deleted > 0) logger.info({ deleted }, 'old rule states pruned');
  };
  const repeat = repeatEvery({
    everyMs,
    task: once,
    onError: (error) => logger.warn({ err: error }, 'rule state pruning failed'),
  });
  return { once, stop: repeat.stop };
};
