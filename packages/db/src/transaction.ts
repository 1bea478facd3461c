import type { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction; a failure rolls it back whole. */
export const inTransaction = async <T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> => {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true; // the connection itself failed: do not hand it out again
    });
    throw error;
  } finally {
    client.release(broken);
  }
};
