import type { CallEvent } from '@callpulse/contracts';
import type { PoolClient } from 'pg';
import { mergeCallRows } from './call-rows.js';
import { asJson, copyRows } from './copy-rows.js';
import { checkStaged, ensureStaging } from './staging.js';

export interface StoredCallEvent {
  event: CallEvent;
  partition: number;
  offset: string;
}

// The calls rows are one multi-row upsert from unnest() (one row per call, merged first);
// the events and their transcript fragments go by COPY into a staging table and on with one
// INSERT … SELECT … ON CONFLICT per table. Idempotent on replay: an event id and its
// provider time are unique (the detail tables are partitioned by that time, and it is the
// same in every delivery), and call state only moves forward.

const UPSERT_CALLS = `
INSERT INTO calls AS c (source, call_id, direction, from_number, to_number, status,
  initiated_at, ringing_at, answered_at, ended_at, errored_at, error_message, is_test,
  first_event_at, last_event_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
  $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[],
  $12::text[], $13::boolean[], $14::timestamptz[], $15::timestamptz[])
ON CONFLICT (source, call_id) DO UPDATE SET
  direction = COALESCE(c.direction, EXCLUDED.direction),
  from_number = COALESCE(c.from_number, EXCLUDED.from_number),
  to_number = COALESCE(c.to_number, EXCLUDED.to_number),
  status = CASE WHEN call_status_rank(EXCLUDED.status) > call_status_rank(c.status)
                THEN EXCLUDED.status ELSE c.status END,
  initiated_at = LEAST(c.initiated_at, EXCLUDED.initiated_at),
  ringing_at = LEAST(c.ringing_at, EXCLUDED.ringing_at),
  answered_at = LEAST(c.answered_at, EXCLUDED.answered_at),
  ended_at = LEAST(c.ended_at, EXCLUDED.ended_at),
  error_message = CASE WHEN EXCLUDED.errored_at >= c.errored_at OR c.errored_at IS NULL
                       THEN COALESCE(EXCLUDED.error_message, c.error_message) ELSE c.error_message END,
  errored_at = GREATEST(c.errored_at, EXCLUDED.errored_at),
  is_test = c.is_test OR EXCLUDED.is_test,
  first_event_at = LEAST(c.first_event_at, EXCLUDED.first_event_at),
  last_event_at = GREATEST(c.last_event_at, EXCLUDED.last_event_at),
  last_seen_at = now()`;

const STAGED_COLUMNS = [
  'event_id',
  'source',
  'call_id',
  'event_type',
  'provider_event_type',
  'occurred_at',
  'received_at',
  'is_test',
  'kafka_partition',
  'kafka_offset',
  'raw',
  'seq',
  'speaker',
  'text',
  'provider_timestamp',
] as const;

// One statement: the staged rows are consumed (so a second staging in the transaction starts
// empty), the events inserted, and the fragments (no foreign key to the partitioned
// call_events: the fragment and its event come from the same staged row).
const INSERT_STAGED = `
WITH staged AS (
  DELETE FROM call_events_staged RETURNING *
),
events AS (
  INSERT INTO call_events (event_id, source, call_id, event_type, provider_event_type,
    occurred_at, received_at, is_test, kafka_partition, kafka_offset, raw)
  SELECT event_id, source, call_id, event_type, provider_event_type, occurred_at, received_at,
    is_test, kafka_partition, kafka_offset, raw
  FROM staged
  ON CONFLICT (event_id, occurred_at) DO NOTHING
),
fragments AS (
  INSERT INTO transcript_fragments (event_id, source, call_id, seq, speaker, text,
    provider_timestamp, occurred_at, is_test)
  SELECT event_id, source, call_id, seq, speaker, text, provider_timestamp, occurred_at, is_test
  FROM staged
  WHERE speaker IS NOT NULL
  ON CONFLICT (event_id, occurred_at) DO NOTHING
)
SELECT count(*)::int AS staged FROM staged`;

/** Writes a batch of call events inside the caller's transaction. */
export const writeCallEvents = async (
  client: PoolClient,
  records: StoredCallEvent[],
): Promise<void> => {
  const unique = dedupe(records);
  if (unique.length === 0) return;
  await ensureStaging(client);
  // Staged before the calls rows are written: the upsert locks them until commit, and
  // another writer storing the same calls (the analysis topic) waits that long.
  const copied = await copyRows(
    client,
    'call_events_staged',
    STAGED_COLUMNS,
    unique.map(({ event, partition, offset }) => {
      const fragment = event.type === 'transcript' ? event.transcript : null;
      return [
        event.eventId,
        event.call?.source,
        event.call?.callId,
        event.type,
        event.type === 'unknown' ? event.providerEventType : event.type,
        event.occurredAt,
        event.receivedAt,
        event.isTest,
        partition,
        offset,
        asJson(event.raw),
        // Arrival order within the call: the Kafka offset (a call lives on one partition).
        fragment ? offset : null,
        fragment?.speaker,
        fragment?.text,
        fragment?.timestamp,
      ];
    }),
  );
  const calls = mergeCallRows(unique.map((r) => r.event));
  if (calls.length > 0) {
    await client.query(UPSERT_CALLS, [
      calls.map((c) => c.source),
      calls.map((c) => c.callId),
      calls.map((c) => c.direction),
      calls.map((c) => c.from),
      calls.map((c) => c.to),
      calls.map((c) => c.status),
      calls.map((c) => c.initiatedAt),
      calls.map((c) => c.ringingAt),
      calls.map((c) => c.answeredAt),
      calls.map((c) => c.endedAt),
      calls.map((c) => c.erroredAt),
      calls.map((c) => c.errorMessage),
      calls.map((c) => c.isTest),
      calls.map((c) => c.firstEventAt),
      calls.map((c) => c.lastEventAt),
    ]);
  }
  const { rows } = await client.query<{ staged: number }>(INSERT_STAGED);
  checkStaged('call_events_staged', copied, rows[0]?.staged ?? 0);
};

/** The first delivery of an event id wins, as it does in the table. */
const dedupe = (records: StoredCallEvent[]): StoredCallEvent[] => {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.event.eventId) && Boolean(seen.add(r.event.eventId)));
};
