-- What the analyzer computed. Scores and summaries arrive on their own topic, possibly
-- before the fragment they score, so they reference the call but not the fragment row.

-- The label thresholds of the analysis package (LABEL_THRESHOLDS), for labels computed
-- in SQL from mean comparative scores. A test keeps the two in step.
CREATE FUNCTION sentiment_label(comparative double precision) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN comparative IS NULL THEN NULL
    WHEN comparative >= 0.02 THEN 'positive'
    WHEN comparative <= -0.02 THEN 'negative'
    ELSE 'neutral'
  END
$$;

CREATE TABLE fragment_scores (
  event_id              text PRIMARY KEY,
  source                text NOT NULL,
  call_id               text NOT NULL,
  speaker               text NOT NULL CHECK (speaker IN ('customer', 'ai')),
  score                 double precision NOT NULL,
  comparative           double precision NOT NULL,
  label                 text NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
  words                 jsonb NOT NULL,
  analyzer_version      text NOT NULL,
  keyword_lists_version text NOT NULL,
  is_test               boolean NOT NULL,
  scored_at             timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
);

CREATE TABLE call_summaries (
  event_id              text PRIMARY KEY,
  source                text NOT NULL,
  call_id               text NOT NULL,
  score                 double precision NOT NULL,
  comparative           double precision NOT NULL,
  label                 text NOT NULL,
  customer_comparative  double precision NOT NULL,
  customer_label        text NOT NULL CHECK (customer_label IN ('positive', 'neutral', 'negative')),
  ai_comparative        double precision NOT NULL,
  summary               jsonb NOT NULL,
  analyzer_version      text NOT NULL,
  keyword_lists_version text NOT NULL,
  is_test               boolean NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
);
CREATE INDEX call_summaries_call_idx ON call_summaries (source, call_id, created_at DESC);

CREATE TABLE keyword_hits (
  id              bigserial PRIMARY KEY,
  event_id        text NOT NULL,
  source          text NOT NULL,
  call_id         text NOT NULL,
  phase           text NOT NULL CHECK (phase IN ('live', 'final')),
  -- For the final transcript, which entry the hit is in; 0 for a live fragment.
  utterance_index integer NOT NULL DEFAULT 0,
  list_name       text NOT NULL,
  term            text NOT NULL,
  match_mode      text NOT NULL CHECK (match_mode IN ('exact', 'stem', 'phrase', 'fuzzy')),
  matched_text    text NOT NULL,
  speaker         text NOT NULL CHECK (speaker IN ('customer', 'ai')),
  start_offset    integer NOT NULL,
  end_offset      integer NOT NULL,
  is_test         boolean NOT NULL,
  UNIQUE (event_id, utterance_index, list_name, term, start_offset),
  FOREIGN KEY (source, call_id) REFERENCES calls (source, call_id)
);
CREATE INDEX keyword_hits_call_idx ON keyword_hits (source, call_id, phase);
CREATE INDEX keyword_hits_list_idx ON keyword_hits (list_name);
