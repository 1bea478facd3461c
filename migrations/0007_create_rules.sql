-- Rules: what matters in a call, in the JSON language of packages/rules. Editable through
-- the API, the CLI or plain SQL; any change bumps the rule's version and notifies running
-- analyzers. A match records the version that fired, so an edited rule fires anew.

CREATE TABLE rules (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  -- The whole rule as validated (description, enabled, severity, when, notify, notifyOn).
  definition  jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  enabled     boolean NOT NULL DEFAULT true,
  severity    text NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  notify      text[] NOT NULL DEFAULT '{}',
  version     bigint NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rules_revision (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  revision   bigint NOT NULL,
  changed_at timestamptz NOT NULL
);
INSERT INTO rules_revision VALUES (true, 0, now());

CREATE FUNCTION rules_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.definition, NEW.enabled, NEW.severity, NEW.notify)
       IS NOT DISTINCT FROM (OLD.definition, OLD.enabled, OLD.severity, OLD.notify) THEN
      NEW.version := OLD.version;
      NEW.updated_at := OLD.updated_at;
      RETURN NEW;
    END IF;
    NEW.version := OLD.version + 1;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER rules_version
  BEFORE INSERT OR UPDATE ON rules
  FOR EACH ROW EXECUTE FUNCTION rules_bump_version();

CREATE FUNCTION rules_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  next_revision bigint;
BEGIN
  UPDATE rules_revision SET revision = revision + 1, changed_at = now()
  RETURNING revision INTO next_revision;
  PERFORM pg_notify('rules_changed', next_revision::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER rules_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rules
  FOR EACH STATEMENT EXECUTE FUNCTION rules_changed();

-- One row per rule version that matched a call. A live match is later confirmed or
-- retracted by the pass over the final transcript; a match only that pass found is
-- phase 'final'. Status only moves forward (fired, then confirmed or retracted).
CREATE TABLE rule_matches (
  source        text NOT NULL,
  call_id       text NOT NULL,
  rule_name     text NOT NULL,
  rule_version  bigint NOT NULL,
  severity      text NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  phase         text NOT NULL CHECK (phase IN ('live', 'final')),
  status        text NOT NULL CHECK (status IN ('fired', 'confirmed', 'retracted')),
  basis         text NOT NULL CHECK (basis IN ('event', 'deadline', 'call_end')),
  -- Provider time at which the condition became true: call start + at_second.
  at_second     double precision NOT NULL,
  matched_at    timestamptz,
  -- Our time: when the analyzer decided it (first, and at the latest status change).
  decided_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  evidence      jsonb NOT NULL,
  is_test       boolean NOT NULL DEFAULT false,
  -- 'replay' for matches stored by `callpulse rules replay --apply` (never notified).
  origin        text NOT NULL DEFAULT 'live' CHECK (origin IN ('live', 'replay')),
  PRIMARY KEY (source, call_id, rule_name, rule_version)
);
CREATE INDEX rule_matches_rule_idx ON rule_matches (rule_name, decided_at);

-- The evaluator's per-call state, saved by the analyzer after each batch's output is in
-- Kafka, so a rule half-satisfied before a crash or a rebalance is completed after it.
CREATE TABLE rule_state (
  source      text NOT NULL,
  call_id     text NOT NULL,
  state       jsonb NOT NULL,
  ended       boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, call_id)
);

CREATE FUNCTION rule_status_rank(status text) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE status WHEN 'fired' THEN 0 WHEN 'confirmed' THEN 1 WHEN 'retracted' THEN 1 END::smallint
$$;

-- call_sentiment gains rules_matched: the rules that hold for the call, by the latest
-- version stored for it (after its end, the reconciled set: live matches not retracted,
-- and matches found only at the end).
DROP VIEW call_sentiment;
ALTER VIEW call_sentiment_all RENAME TO call_sentiment_base;
CREATE VIEW call_sentiment_all AS
SELECT b.*, r.rules_matched
FROM call_sentiment_base b
LEFT JOIN LATERAL (
  SELECT array_agg(l.rule_name ORDER BY l.rule_name) FILTER (WHERE l.status <> 'retracted')
    AS rules_matched
  FROM (
    SELECT DISTINCT ON (rm.rule_name) rm.rule_name, rm.status
    FROM rule_matches rm
    WHERE rm.source = b.source AND rm.call_id = b.call_id
    ORDER BY rm.rule_name, rm.rule_version DESC
  ) l
) r ON true;
CREATE VIEW call_sentiment AS
SELECT * FROM call_sentiment_all WHERE NOT is_test;
