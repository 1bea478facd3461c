import { applyRetention, type Pool } from '@callpulse/db';
import type { Logger } from '@callpulse/runtime';

/**
 * With RETENTION_DAYS set, the writer drops the daily partitions of detail older than that
 * at start-up and every `intervalMs` after (as `callpulse retention --older-than Nd` does).
 * A failed run is logged and tried again at the next tick; several writers running it at
 * once find each other's partitions already gone.
 */
export const startRetention = ({
  pool,
  days,
  logger,
  intervalMs = 3_600_000, // between sweeps
  now = () => Date.now(),
}: {
  pool: Pool;
  days: number;
  logger: Logger;
  intervalMs?: number;
  now?: () => number;
}): { stop: () => Promise<void> } => {
  const log = logger.child({ component: 'retention' });
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = applyRetention(pool, { before: new Date(now() - days * 86_400_000) })
      .then((r) =>
        log.info(
          {
            horizon: r.horizon,
            droppedPartitions: r.droppedPartitions,
            deletedRows: r.deletedRows,
          },
          'old call detail dropped',
        ),
      )
      .catch((error: unknown) => log.warn({ err: error }, 'retention sweep failed; next tick'));
  };
  sweep();
  const timer = setInterval(() => {
    void running.then(sweep);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
