-- Calls and everything the provider sent about them.

-- Call state only moves forward: an event whose status ranks lower never replaces a
-- higher one (a late call_ringing never undoes call_ended).
CREATE FUNCTION call_status_rank(status text) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE status
    WHEN 'unknown' THEN 0
    WHEN 'initiated' THEN 1
    WHEN 'ringing' THEN 2
    WHEN 'answered' THEN 3
    WHEN 'error' THEN 4
    WHEN 'ended' THEN 5
  END::smallint
$$;

CREATE TABLE calls (
  source          text NOT NULL,
  call_id         text NOT NULL,
  direction       text CHECK (direction IN ('inbound', 'outbound')),
  from_number     text,
  to_number       text,
  status          text NOT NULL DEFAULT 'unknown'
                  CHECK (status IN ('unknown', 'initiated', 'ringing', 'answered', 'error', 'ended')),
  initiated_at    timestamptz,
  ringing_at      timestamptz,
  answered_at     timestamptz,
  ended_at        timestamptz,
  errored_at      timestamptz,
  error_message   text,
  is_test         boolean NOT NULL DEFAULT false,
  -- Provider time of the earliest and latest event seen for the call.
  first_event_at  timestamptz,
  last_event_at   timestamptz,
  -- Our time: when the writer first and last stored something about the call.
  first_seen_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, call_id)
);
CREATE INDEX calls_started_idx ON calls (COALESCE(initiated_at, first_event_at));
CREATE INDEX calls_ended_idx ON calls (ended_at);

CREATE TABLE call_events (
  event_id            text PRIMARY KEY,
  source              text,
  call_id             text,
  event_type          text NOT NULL,
  provider_event_type text NOT NULL,
  occurred_at         timestamptz NOT NULL,
  received_at         timestamptz NOT NULL,
  is_test             boolean NOT NULL,
  kafka_partition     integer NOT NULL,
  kafka_offset        bigint NOT NULL,
  raw                 jsonb NOT NULL,
  stored_at           timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
);
CREATE INDEX call_events_call_idx ON call_events (source, call_id, occurred_at);

CREATE TABLE transcript_fragments (
  event_id           text PRIMARY KEY REFERENCES call_events (event_id),
  source             text NOT NULL,
  call_id            text NOT NULL,
  -- Arrival order within the call: the Kafka offset (a call lives on one partition).
  seq                bigint NOT NULL,
  speaker            text NOT NULL CHECK (speaker IN ('customer', 'ai')),
  text               text NOT NULL,
  provider_timestamp text,
  occurred_at        timestamptz NOT NULL,
  is_test            boolean NOT NULL,
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
);
CREATE INDEX transcript_fragments_call_idx ON transcript_fragments (source, call_id, seq);
