import type { Pool } from 'pg';
import { inTransaction } from './transaction.js';

/** A destination as stored, its secret included (the API never returns it). */
export interface StoredDestination {
  name: string;
  type: 'slack' | 'webhook';
  url: string;
  secret: string | null;
  enabled: boolean;
  ratePerSecond: number | null;
  burst: number | null;
}

interface Row {
  name: string;
  type: 'slack' | 'webhook';
  url: string;
  secret: string | null;
  enabled: boolean;
  rate_per_second: number | null;
  burst: number | null;
}

const COLUMNS = 'name, type, url, secret, enabled, rate_per_second, burst';

const fromRow = (r: Row): StoredDestination => ({
  name: r.name,
  type: r.type,
  url: r.url,
  secret: r.secret,
  enabled: r.enabled,
  ratePerSecond: r.rate_per_second,
  burst: r.burst,
});

export const listDestinations = async (pool: Pool): Promise<StoredDestination[]> =>
  (await pool.query<Row>(`SELECT ${COLUMNS} FROM destinations ORDER BY name`)).rows.map(fromRow);

export const getDestination = async (
  pool: Pool,
  name: string,
): Promise<StoredDestination | null> => {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM destinations WHERE name = $1`, [
    name,
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
};

/** Inserts or replaces a destination; running notifiers hear of it by NOTIFY. */
export const putDestination = async (
  pool: Pool,
  d: StoredDestination,
): Promise<{ created: boolean }> => {
  const { rows } = await pool.query<{ created: boolean }>(
    `INSERT INTO destinations (name, type, url, secret, enabled, rate_per_second, burst)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (name) DO UPDATE SET type = EXCLUDED.type, url = EXCLUDED.url,
       secret = EXCLUDED.secret, enabled = EXCLUDED.enabled,
       rate_per_second = EXCLUDED.rate_per_second, burst = EXCLUDED.burst, updated_at = now()
     RETURNING (xmax = 0) AS created`,
    [d.name, d.type, d.url, d.secret, d.enabled, d.ratePerSecond, d.burst],
  );
  return { created: rows[0]?.created ?? false };
};

/**
 * Deletes a destination and ends its undelivered alerts in the same transaction: left
 * pending, they would wait for, and go to, whatever destination next takes the name. The
 * delete comes first: it waits for an enqueue that holds the row (see enqueueAlerts), so
 * the update, which reads afresh, sees that enqueue's alerts too.
 */
export const deleteDestination = async (pool: Pool, name: string): Promise<boolean> =>
  inTransaction(pool, async (client) => {
    const deleted = await client.query('DELETE FROM destinations WHERE name = $1', [name]);
    if ((deleted.rowCount ?? 0) === 0) return false;
    await client.query(
      `UPDATE alert_deliveries
       SET state = 'dead', last_error = COALESCE(last_error || '; ', '') || 'destination deleted'
       WHERE destination = $1 AND state = 'pending'`,
      [name],
    );
    return true;
  });

/** The rules that name a destination in their notify list (a delete would orphan them). */
export const rulesNotifying = async (pool: Pool, destination: string): Promise<string[]> =>
  (
    await pool.query<{ name: string }>(
      'SELECT name FROM rules WHERE $1 = ANY(notify) ORDER BY name',
      [destination],
    )
  ).rows.map((r) => r.name);

export const DESTINATIONS_CHANNEL = 'destinations_changed';
