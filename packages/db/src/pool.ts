import pg from 'pg';

export type { Pool, PoolClient } from 'pg';

/**
 * The one way we open Postgres. An idle client that loses its connection emits 'error'
 * on the pool; without a handler that would crash the process.
 */
export const createPool = ({
  connectionString,
  max = 10, // connections
  onError = () => {}, // an idle connection broke; the pool replaces it
  statementTimeoutMs = 60_000,
  connectionTimeoutMs = 5_000,
  applicationName = 'callpulse',
}: {
  connectionString: string;
  max?: number;
  onError?: (error: Error) => void;
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
  applicationName?: string;
}): pg.Pool => {
  const pool = new pg.Pool({
    connectionString,
    max,
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: connectionTimeoutMs,
    application_name: applicationName,
  });
  pool.on('error', onError);
  return pool;
};
