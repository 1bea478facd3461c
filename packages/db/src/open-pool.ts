import type { Pool } from 'pg';
import { describeDbError } from './errors.js';
import { createPool } from './pool.js';

/** Thrown when Postgres cannot be reached at start-up; the message is one actionable line. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** A pool that has answered once: services refuse to start against a database they cannot reach. */
export const openPool = async ({
  connectionString,
  max,
  applicationName,
  onError,
}: {
  connectionString: string;
  max: number;
  applicationName: string;
  onError: (error: Error) => void;
}): Promise<Pool> => {
  const pool = createPool({ connectionString, max, applicationName, onError });
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
