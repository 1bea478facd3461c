import {
  createDetailPartitions,
  daysAround,
  listDetailPartitionDays,
  PARTITION_DAYS_AHEAD,
  utcDay,
  type Pool,
} from '@callpulse/db';
import { repeatEvery, type Logger } from '@callpulse/runtime';
import type { WriterRecord } from './decode.js';

const DAY_MS = 86_400_000;

/**
 * Keeps the detail tables' daily partitions ready: from yesterday to a week ahead at start
 * and every `everyMs`, and, before a batch is written, for any day of its events that has
 * none yet (a replay of old traffic, a late event), so detail lands in a partition that
 * retention can drop whole. Days far in the future (a wrong provider clock) are left to the
 * DEFAULT partition rather than given a partition each. A failure is logged, never fatal:
 * the rows then go to the DEFAULT partition, and a later creation of their day moves them.
 */
export const startPartitionKeeper = async ({
  pool,
  logger,
  everyMs = 3_600_000, // between checks of the days ahead
  now = () => Date.now(),
}: {
  pool: Pool;
  logger: Logger;
  everyMs?: number;
  now?: () => number;
}) => {
  const log = logger.child({ component: 'partitions' });
  const known = new Set<string>();
  const create = async (days: string[]): Promise<void> => {
    const missing = days.filter((d) => !known.has(d));
    if (missing.length === 0) return;
    const created = await createDetailPartitions(pool, missing);
    if (created > 0) log.info({ days: missing, created }, 'detail partitions created');
    // Days before the retention horizon are skipped by the database: remembered too, so
    // they are not asked for again with every batch.
    for (const d of missing) known.add(d);
  };
  const ahead = async () => {
    for (const d of await listDetailPartitionDays(pool)) known.add(d);
    await create(daysAround(now(), 1, PARTITION_DAYS_AHEAD));
  };
  await ahead().catch((error: unknown) =>
    log.warn({ err: error }, 'could not create detail partitions ahead; next tick'),
  );
  const timer = repeatEvery({
    everyMs,
    task: ahead,
    onError: (error) => log.warn({ err: error }, 'could not create detail partitions ahead'),
  });
  return {
    /** Makes sure the days of these records have partitions. */
    prepare: async (records: WriterRecord[]): Promise<void> => {
      const latest = now() + (PARTITION_DAYS_AHEAD + 1) * DAY_MS;
      const days = new Set<string>();
      for (const r of records) {
        const at =
          r.kind === 'call_event'
            ? r.value.event.occurredAt
            : r.kind === 'analysis'
              ? r.value.occurredAt
              : undefined;
        if (at === undefined || Date.parse(at) > latest) continue;
        const day = utcDay(at);
        if (!known.has(day)) days.add(day);
      }
      if (days.size === 0) return;
      await create([...days]).catch((error: unknown) =>
        log.warn({ err: error, days: [...days] }, 'could not create detail partitions'),
      );
    },
    stop: () => timer.stop(),
  };
};

export type PartitionKeeper = Awaited<ReturnType<typeof startPartitionKeeper>>;
