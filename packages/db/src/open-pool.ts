import type { Pool } from 'pg';
import { describeDbError } from './errors.js';
import { createPool } from './pool.js';

/** Thrown when Postgres cannot be reached at start-up; the message is one actionable line. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * A pool that has answered once: services refuse to start against a database they cannot
 * reach. Connections are named `callpulse-<service>` (pg_stat_activity shows who is who).
 */
export const openPool = async ({
  connectionString,
  max,
  service,
  logger,
}: {
  connectionString: string;
  max: number;
  service: string;
  /** Told when an idle connection breaks (the pool replaces it); silent without one. */
  logger?: { warn: (details: object, message: string) => void };
}): Promise<Pool> => {
  const pool = createPool({
    connectionString,
    max,
    applicationName: `callpulse-${service}`,
    onError: (error) => logger?.warn({ err: error }, 'idle Postgres connection failed'),
  });
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(describeDbError(error, connectionString), { cause: error });
  }
};

/** For /readyz: whether Postgres answers a trivial query now. */
export const isReachable = (pool: Pool): Promise<boolean> =>
  pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
