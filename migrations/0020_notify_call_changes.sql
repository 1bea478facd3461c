-- The live view is pushed changes: every write the writer makes about a call notifies
-- `call_changed` with the call's key as a JSON array ["<source>", "<call id>"], once per
-- call and statement (statement triggers over transition tables: a batch of 500 rows costs
-- one DISTINCT, not 500 trigger calls). Postgres also folds identical notifications within
-- a transaction and sends them at commit, never for a rollback.

CREATE FUNCTION notify_calls_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('call_changed', k.key)
  FROM (SELECT DISTINCT json_build_array(source, call_id)::text AS key FROM changed_rows) k;
  RETURN NULL;
END
$$;

-- Transition tables need one trigger per event: INSERT and UPDATE (an upsert fires both).
CREATE TRIGGER calls_notify_insert AFTER INSERT ON calls
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER calls_notify_update AFTER UPDATE ON calls
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER transcript_fragments_notify_insert AFTER INSERT ON transcript_fragments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER transcript_fragments_notify_update AFTER UPDATE ON transcript_fragments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER fragment_scores_notify_insert AFTER INSERT ON fragment_scores
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER fragment_scores_notify_update AFTER UPDATE ON fragment_scores
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER keyword_hits_notify_insert AFTER INSERT ON keyword_hits
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER keyword_hits_notify_update AFTER UPDATE ON keyword_hits
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER call_summaries_notify_insert AFTER INSERT ON call_summaries
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER call_summaries_notify_update AFTER UPDATE ON call_summaries
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER rule_matches_notify_insert AFTER INSERT ON rule_matches
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
CREATE TRIGGER rule_matches_notify_update AFTER UPDATE ON rule_matches
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_calls_changed();
