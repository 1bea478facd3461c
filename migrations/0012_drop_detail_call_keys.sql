-- The four big detail tables (call_events, transcript_fragments, fragment_scores,
-- keyword_hits) no longer have a foreign key to calls. Each was checked row by row (an
-- RI trigger: an index probe of calls and a FOR KEY SHARE lock on its row, a MultiXact once
-- two writers hold the same call), a third of the writer's insert statements: for
-- bench:writer's 30,000 fragments and scores in 2,000-record transactions, the events and
-- fragments statements 913 -> 576 ms in all, the scores' 501 -> 335 ms. The writer
-- already guarantees what they checked: it writes or ensures a call's row in the same
-- transaction, before any detail row of the call (writeCallEvents' upsert, writeAnalysis'
-- and writeRuleMatches' ensure), and nothing deletes calls (retention keeps them).
--
-- Given up: Postgres no longer refuses a detail row naming a call that has no row in calls
-- (written by hand, or by code that skips the writer's functions), nor the deletion of a
-- call that still has detail. Such rows would count in no figure (figures start from calls).
-- call_summaries keeps its key (one row per ended call).
--
-- Found by name in the catalog: the constraints' generated names depend on the history of
-- the database (0011 created these tables beside the ones it replaced). Dropping a
-- partitioned table's key drops every partition's copy of it.
DO $$
DECLARE
  k record;
BEGIN
  FOR k IN
    SELECT c.conname, c.conrelid::regclass AS tab
    FROM pg_constraint c
    WHERE c.contype = 'f'
      AND c.confrelid = 'calls'::regclass
      AND c.conparentid = 0
      AND c.conrelid IN ('call_events'::regclass, 'transcript_fragments'::regclass,
        'fragment_scores'::regclass, 'keyword_hits'::regclass)
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', k.tab, k.conname);
  END LOOP;
END
$$;
