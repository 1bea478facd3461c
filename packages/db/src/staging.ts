import type { PoolClient } from 'pg';

// The writer's detail rows travel by COPY into these per-connection staging tables and
// reach their real tables with one INSERT … SELECT … ON CONFLICT per table, so replays stay
// idempotent. Temporary: no WAL, no other session sees them, and they live as long as the
// connection; ON COMMIT DELETE ROWS empties them at every commit, and the statements that
// read them also consume them (DELETE … RETURNING), so a transaction may stage twice.
//
// call_events_staged: one row per call event, with the transcript columns filled for a
// transcript fragment (one COPY for both tables).
// analysis_staged: one row per analysis message, a fragment score or a call summary
// (`kind`), its keyword hits as a JSON array, and the analyzed event's time when the
// message carries it.
const STAGING_DDL = `
SET LOCAL client_min_messages = warning;
CREATE TEMP TABLE IF NOT EXISTS call_events_staged (
  event_id text, source text, call_id text, event_type text, provider_event_type text,
  occurred_at timestamptz, received_at timestamptz, is_test boolean, kafka_partition int,
  kafka_offset bigint, raw jsonb, seq bigint, speaker text, text text, provider_timestamp text
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS analysis_staged (
  kind text, event_id text, source text, call_id text, speaker text, score float8,
  comparative float8, label text, words jsonb, customer_comparative float8,
  customer_label text, ai_comparative float8, summary jsonb, analyzer_version text,
  keyword_lists_version text, is_test boolean, occurred_at timestamptz, hits jsonb
) ON COMMIT DELETE ROWS;`;

/**
 * Creates this connection's staging tables if they are missing, inside the caller's
 * transaction (one round trip; a rolled-back creation is simply repeated next time).
 */
export const ensureStaging = async (client: PoolClient): Promise<void> => {
  await client.query(STAGING_DDL);
};

/** Thrown when staged rows were gone before they were stored: the caller was not in a transaction. */
export const checkStaged = (table: string, copied: number, consumed: number): void => {
  if (copied !== consumed) {
    throw new Error(
      `${table}: ${copied} rows copied but ${consumed} found; write inside a transaction`,
    );
  }
};
