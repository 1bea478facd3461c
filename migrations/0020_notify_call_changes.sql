-- The live view is pushed changes: every write the writer makes about a call notifies
-- `call_changed` with the call's key as a JSON array ["<source>", "<call id>"]. Postgres
-- folds identical notifications within one transaction into one, so a batch that stores
-- many fragments of a call sends that call's key once, at commit (never for a rollback).

CREATE FUNCTION notify_call_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('call_changed', json_build_array(NEW.source, NEW.call_id)::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER calls_notify AFTER INSERT OR UPDATE ON calls
  FOR EACH ROW EXECUTE FUNCTION notify_call_changed();
CREATE TRIGGER transcript_fragments_notify AFTER INSERT OR UPDATE ON transcript_fragments
  FOR EACH ROW EXECUTE FUNCTION notify_call_changed();
CREATE TRIGGER fragment_scores_notify AFTER INSERT OR UPDATE ON fragment_scores
  FOR EACH ROW EXECUTE FUNCTION notify_call_changed();
CREATE TRIGGER keyword_hits_notify AFTER INSERT OR UPDATE ON keyword_hits
  FOR EACH ROW EXECUTE FUNCTION notify_call_changed();
CREATE TRIGGER call_summaries_notify AFTER INSERT OR UPDATE ON call_summaries
  FOR EACH ROW EXECUTE FUNCTION notify_call_changed();
CREATE TRIGGER rule_matches_notify AFTER INSERT OR UPDATE ON rule_matches
  FOR EACH ROW EXECUTE FUNCTION notify_call_changed();
