-- Alerts: where rule matches are sent (destinations) and every delivery of one (the
-- ledger the notifier works from). A delivery row is written before anything is sent, so
-- a notifier that dies mid-send sends it again after a restart, under the same id.

CREATE TABLE destinations (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  type        text NOT NULL CHECK (type IN ('slack', 'webhook')),
  -- Empty only while disabled: the example destinations ship without a URL.
  url         text NOT NULL,
  -- Standard Webhooks secret (whsec_...) of a webhook destination; never returned by the API.
  secret      text,
  enabled     boolean NOT NULL DEFAULT true,
  -- Sends per second, sustained, and the burst above it; null: the type's default.
  rate_per_second double precision CHECK (rate_per_second > 0),
  burst       integer CHECK (burst > 0),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (url <> '' OR NOT enabled),
  CHECK (type <> 'webhook' OR secret IS NOT NULL OR NOT enabled)
);

CREATE FUNCTION destinations_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('destinations_changed', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER destinations_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON destinations
  FOR EACH STATEMENT EXECUTE FUNCTION destinations_changed();

-- One row per alert: a rule match (call, rule version) sent to one destination as one
-- kind ('rule.matched', or 'rule.retracted' where the rule asks for it). delivery_id is
-- the webhook-id receivers see: the same on every attempt, so they can drop repeats.
CREATE TABLE alert_deliveries (
  delivery_id       text PRIMARY KEY,
  -- Order of creation: each destination is sent its alerts in this order.
  seq               bigserial UNIQUE,
  match_id          text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('rule.matched', 'rule.retracted')),
  destination       text NOT NULL,
  source            text NOT NULL,
  call_id           text NOT NULL,
  rule_name         text NOT NULL,
  rule_version      bigint NOT NULL,
  is_test           boolean NOT NULL DEFAULT false,
  -- The request body as sent (JSON for webhooks, Slack's message for Slack).
  body              text NOT NULL,
  state             text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts          integer NOT NULL DEFAULT 0,
  last_status       integer,
  last_error        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  first_attempt_at  timestamptz,
  last_attempt_at   timestamptz,
  delivered_at      timestamptz,
  -- When ingest received the webhook that decided the match (null for a sweep's decision).
  trigger_received_at timestamptz,
  -- delivered_at - trigger_received_at.
  latency_ms        double precision,
  UNIQUE (match_id, destination, kind)
);
CREATE INDEX alert_deliveries_pending_idx ON alert_deliveries (destination, seq)
  WHERE state = 'pending';
CREATE INDEX alert_deliveries_call_idx ON alert_deliveries (source, call_id);
CREATE INDEX alert_deliveries_created_idx ON alert_deliveries (created_at);

-- New deliveries wake the notifier that sends their destination, which may be another
-- instance than the one that stored them.
CREATE FUNCTION alert_deliveries_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('alerts_pending', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER alert_deliveries_notify
  AFTER INSERT ON alert_deliveries
  FOR EACH STATEMENT EXECUTE FUNCTION alert_deliveries_added();

-- Which notifier instance sends a destination's alerts: one at a time, so the
-- destination's pace and order hold however many notifiers run. A lease that is not
-- renewed (its holder died) passes to another instance when it runs out.
CREATE TABLE alert_senders (
  destination text PRIMARY KEY,
  owner       text NOT NULL,
  lease_until timestamptz NOT NULL
);

-- Which alerts went out for a call: "rule -> destination" per delivered alert (retractions
-- marked), beside call_sentiment rather than in it.
CREATE VIEW call_alerts AS
SELECT source, call_id,
       array_agg(rule_name || CASE kind WHEN 'rule.retracted' THEN ' (retracted)' ELSE '' END
                 || ' -> ' || destination ORDER BY seq) AS alerts_sent,
       count(*) AS alerts_delivered,
       bool_or(is_test) AS is_test
FROM alert_deliveries
WHERE state = 'delivered'
GROUP BY source, call_id;
