-- Keyword lists, editable through the API, the CLI or plain SQL. Any change bumps the
-- list's version and the global revision, and notifies running analyzers.

CREATE TABLE keyword_lists (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  description text NOT NULL DEFAULT '',
  speakers    text[] NOT NULL DEFAULT '{any}'
              CHECK (speakers <@ ARRAY['customer', 'ai', 'any'] AND cardinality(speakers) > 0),
  enabled     boolean NOT NULL DEFAULT true,
  terms       jsonb NOT NULL CHECK (jsonb_typeof(terms) = 'array'),
  version     bigint NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row: the revision of the whole set, recorded with every score it produced.
CREATE TABLE keyword_lists_revision (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  revision   bigint NOT NULL,
  changed_at timestamptz NOT NULL
);
INSERT INTO keyword_lists_revision VALUES (true, 0, now());

CREATE FUNCTION keyword_lists_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.description, NEW.speakers, NEW.enabled, NEW.terms)
       IS NOT DISTINCT FROM (OLD.description, OLD.speakers, OLD.enabled, OLD.terms) THEN
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
CREATE TRIGGER keyword_lists_version
  BEFORE INSERT OR UPDATE ON keyword_lists
  FOR EACH ROW EXECUTE FUNCTION keyword_lists_bump_version();

CREATE FUNCTION keyword_lists_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  next_revision bigint;
BEGIN
  UPDATE keyword_lists_revision SET revision = revision + 1, changed_at = now()
  RETURNING revision INTO next_revision;
  PERFORM pg_notify('keyword_lists_changed', next_revision::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER keyword_lists_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON keyword_lists
  FOR EACH STATEMENT EXECUTE FUNCTION keyword_lists_changed();
