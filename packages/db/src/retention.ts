import type { Pool } from 'pg';
import { DETAIL_TABLES, withLockTimeout } from './partitions.js';

export interface RetentionReport {
  /** Detail older than this (a UTC midnight) is gone; calls that started before keep their figures. */
  horizon: Date;
  /** Daily partitions dropped (one per detail table and day). */
  droppedPartitions: number;
  /** Rows below the horizon deleted from the DEFAULT partitions (late events). */
  deletedRows: number;
}

const DAY_MS = 86_400_000;

/**
 * Drops the detail (call_events, transcript_fragments, fragment_scores, keyword_hits) older
 * than `before`, in whole UTC days: the daily partitions that end at or before the UTC
 * midnight at or before `before`, and the rows below it in the DEFAULT partitions. Calls,
 * summaries, rule matches, per-call figures and rollups are kept. The horizon moves first
 * (and only forward), so from then on no refresh recomputes the figures of a call that
 * started before it from what is left; then each partition is dropped in a transaction of
 * its own, under a lock timeout, so writers wait at most that long.
 */
export const applyRetention = async (
  pool: Pool,
  {
    before,
    onProgress = () => {},
  }: { before: Date; onProgress?: (partition: string, dropped: number) => void },
): Promise<RetentionReport> => {
  const midnight = new Date(Math.floor(before.getTime() / DAY_MS) * DAY_MS);
  const { rows } = await pool.query<{ dropped_before: Date }>(
    `UPDATE retention_horizon
     SET dropped_before = GREATEST(dropped_before, $1), changed_at = now()
     RETURNING dropped_before`,
    [midnight],
  );
  const horizon = rows[0]?.dropped_before ?? midnight;
  const { rows: old } = await pool.query<{ parent: string; partition: string; day: string }>(
    `SELECT parent, partition, to_char(day, 'YYYY-MM-DD') AS day FROM detail_partitions
     WHERE (day + 1)::timestamp AT TIME ZONE 'UTC' <= $1
     ORDER BY day, array_position($2::text[], parent)`,
    [horizon, DETAIL_TABLES],
  );
  let droppedPartitions = 0;
  for (const p of old) {
    const r = await withLockTimeout<{ dropped: boolean }>(
      pool,
      'SELECT drop_detail_partition($1, $2::date) AS dropped',
      [p.parent, p.day],
    );
    if (r[0]?.dropped) droppedPartitions++;
    onProgress(p.partition, droppedPartitions);
  }
  const d = await withLockTimeout<{ deleted: string }>(
    pool,
    'SELECT drop_default_detail() AS deleted',
    [],
  );
  return { horizon, droppedPartitions, deletedRows: Number(d[0]?.deleted ?? 0) };
};
