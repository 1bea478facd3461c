import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { isTransientDbError } from './errors.js';
import { findMigrationsDir } from './migrations-dir.js';
import { DETAIL_TABLES, daysAround, PARTITION_DAYS_AHEAD } from './partitions.js';

// Any constant works; it only has to be the same for every runner of these migrations.
const MIGRATION_LOCK = 7_342_001;
const FILE_PATTERN = /^\d{4}_[a-z0-9_]+\.sql$/;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies migrations/NNNN_verb_noun.sql in order, each in its own transaction, under an
 * advisory lock so concurrent runners (several services starting at once) take turns.
 * Safe to rerun. A landed migration whose file changed is an error, not a silent skip.
 */
export const migrate = async ({
  connectionString,
  dir = findMigrationsDir(),
  onApply = () => {},
}: {
  connectionString: string;
  dir?: string;
  onApply?: (name: string) => void;
}): Promise<MigrationResult> => {
  const files = (await readdir(dir)).filter((f) => FILE_PATTERN.test(f)).sort();
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const name of files) {
      const sql = await readFile(join(dir, name), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(
            `migration ${name} was edited after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
          name,
          checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        throw await failedMigration(client, name, error);
      }
      applied.push(name);
      onApply(name);
    }
    await createPartitionsAhead(client);
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
};

/**
 * The detail tables' daily partitions from yesterday to a week ahead (0011), one table and
 * day per statement so no parent stays locked for long. Best effort: a lock that does not
 * come within the timeout leaves the day to the writer, which creates the same days.
 */
const createPartitionsAhead = async (client: pg.Client): Promise<void> => {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT to_regproc('create_detail_partition') IS NOT NULL AS present`,
  );
  if (!rows[0]?.present) return;
  await client.query("SET lock_timeout = '2s'");
  try {
    for (const day of daysAround(Date.now(), 1, PARTITION_DAYS_AHEAD)) {
      for (const table of DETAIL_TABLES) {
        await client.query('SELECT create_detail_partition($1, $2::date)', [table, day]);
      }
    }
  } catch (error) {
    if (!isTransientDbError(error)) throw error;
  } finally {
    await client.query('RESET lock_timeout');
  }
};

/**
 * The error to throw for a migration that failed: its own, never one from the ROLLBACK
 * after it (the connection may be gone), which is attached as `rollbackError` instead.
 */
export const failedMigration = async (
  client: Pick<pg.Client, 'query'>,
  name: string,
  error: unknown,
): Promise<Error & { rollbackError?: unknown }> => {
  const failure: Error & { rollbackError?: unknown } = new Error(
    `migration ${name} failed: ${(error as Error).message}`,
    { cause: error },
  );
  await client.query('ROLLBACK').catch((rollbackError: unknown) => {
    failure.rollbackError = rollbackError;
  });
  return failure;
};
