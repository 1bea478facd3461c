import type { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction; a failure rolls it back whole. */
export const inTransaction = async <T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> => {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client whose connection dies between two queries emits 'error'; the
  // pool listens only to idle clients, so without this the process would crash. The
  // failure also surfaces as the next query's error, which the caller handles.
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
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
    client.off('error', onError);
    client.release(broken);
  }
};
