import type { Pool } from 'pg';
import { isTransientDbError } from './errors.js';

/** The detail tables, partitioned by occurred_at, one partition per UTC day (0011). */
export const DETAIL_TABLES = [
  'call_events',
  'transcript_fragments',
  'fragment_scores',
  'keyword_hits',
] as const;

const DAY_MS = 86_400_000;

/** Days of partitions kept ready past today, by the migration runner and the writer. */
export const PARTITION_DAYS_AHEAD = 7;

/** The UTC day of a time, as YYYY-MM-DD. */
export const utcDay = (at: Date | string | number): string =>
  new Date(at).toISOString().slice(0, 10);

/** The UTC days from `daysBefore` days before `now` to `daysAhead` days after it. */
export const daysAround = (now: number, daysBefore: number, daysAhead: number): string[] => {
  const days: string[] = [];
  for (let d = -daysBefore; d <= daysAhead; d++) days.push(utcDay(now + d * DAY_MS));
  return days;
};

/**
 * Runs one DDL statement on its own connection in a transaction of its own with a lock
 * timeout: creating or dropping a partition locks its parent, and a wait behind a long
 * query would otherwise hold every writer behind it. Gives up after `attempts` timeouts.
 */
export const withLockTimeout = async <T>(
  pool: Pool,
  sql: string,
  params: unknown[],
  { lockTimeoutMs = 2_000, attempts = 5 }: { lockTimeoutMs?: number; attempts?: number } = {},
): Promise<T[]> => {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
      const { rows } = await client.query(sql, params);
      await client.query('COMMIT');
      return rows as T[];
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      if (attempt >= attempts || !isTransientDbError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    } finally {
      client.release();
    }
  }
};

/**
 * Creates the daily partitions of every detail table for the given UTC days (YYYY-MM-DD)
 * where missing, one table and day per transaction. Days wholly before the retention
 * horizon are skipped by the database. Returns the partitions created.
 */
export const createDetailPartitions = async (pool: Pool, days: string[]): Promise<number> => {
  let created = 0;
  for (const day of [...new Set(days)].sort()) {
    for (const table of DETAIL_TABLES) {
      const rows = await withLockTimeout<{ created: boolean }>(
        pool,
        'SELECT create_detail_partition($1, $2::date) AS created',
        [table, day],
      );
      if (rows[0]?.created) created++;
    }
  }
  return created;
};

/** The days that have a partition of every detail table. */
export const listDetailPartitionDays = async (pool: Pool): Promise<string[]> => {
  const { rows } = await pool.query<{ day: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM detail_partitions
     GROUP BY day HAVING count(*) = ${DETAIL_TABLES.length} ORDER BY day`,
  );
  return rows.map((r) => r.day);
};
