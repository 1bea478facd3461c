import type { CallEvent } from '@callpulse/contracts';
import type { PoolClient } from 'pg';
import { mergeCallRows } from './call-rows.js';

export interface StoredCallEvent {
  event: CallEvent;
  partition: number;
  offset: string;
}

// Every write is a multi-row upsert from unnest(): one round trip per table per batch,
// idempotent on replay (an event id and its provider time are unique: the detail tables are
// partitioned by that time, and it is the same in every delivery; call state only moves
// forward).

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

// One jsonb parameter rather than eleven arrays: the raw body then travels as JSON once,
// instead of as a JSON string escaped again inside a Postgres array literal.
const INSERT_EVENTS = `
INSERT INTO call_events (event_id, source, call_id, event_type, provider_event_type,
  occurred_at, received_at, is_test, kafka_partition, kafka_offset, raw)
SELECT event_id, source, call_id, event_type, provider_event_type, occurred_at, received_at,
  is_test, kafka_partition, kafka_offset, raw
FROM jsonb_to_recordset($1::jsonb) AS e(event_id text, source text, call_id text, event_type text,
  provider_event_type text, occurred_at timestamptz, received_at timestamptz, is_test boolean,
  kafka_partition int, kafka_offset bigint, raw jsonb)
ON CONFLICT (event_id, occurred_at) DO NOTHING`;

const INSERT_FRAGMENTS = `
INSERT INTO transcript_fragments (event_id, source, call_id, seq, speaker, text,
  provider_timestamp, occurred_at, is_test)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[],
  $7::text[], $8::timestamptz[], $9::boolean[])
ON CONFLICT (event_id, occurred_at) DO NOTHING`;

/** Writes a batch of call events inside the caller's transaction. */
export const writeCallEvents = async (
  client: PoolClient,
  records: StoredCallEvent[],
): Promise<void> => {
  const unique = dedupe(records);
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
  await client.query(INSERT_EVENTS, [
    JSON.stringify(
      unique.map(({ event, partition, offset }) => ({
        event_id: event.eventId,
        source: event.call?.source ?? null,
        call_id: event.call?.callId ?? null,
        event_type: event.type,
        provider_event_type: event.type === 'unknown' ? event.providerEventType : event.type,
        occurred_at: event.occurredAt,
        received_at: event.receivedAt,
        is_test: event.isTest,
        kafka_partition: partition,
        kafka_offset: offset,
        raw: event.raw,
      })),
    ),
  ]);
  const fragments = unique.flatMap((r) =>
    r.event.type === 'transcript' ? [{ ...r, event: r.event }] : [],
  );
  if (fragments.length > 0) {
    await client.query(INSERT_FRAGMENTS, [
      fragments.map((f) => f.event.eventId),
      fragments.map((f) => f.event.call.source),
      fragments.map((f) => f.event.call.callId),
      fragments.map((f) => f.offset),
      fragments.map((f) => f.event.transcript.speaker),
      fragments.map((f) => f.event.transcript.text),
      fragments.map((f) => f.event.transcript.timestamp),
      fragments.map((f) => f.event.occurredAt),
      fragments.map((f) => f.event.isTest),
    ]);
  }
};

/** The first delivery of an event id wins, as it does in the table. */
const dedupe = (records: StoredCallEvent[]): StoredCallEvent[] => {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.event.eventId) && Boolean(seen.add(r.event.eventId)));
};
