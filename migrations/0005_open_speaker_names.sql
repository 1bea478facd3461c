-- A speaker is any non-empty name, not only the two the provider documents: a new kind of
-- speaker (a human agent taking over from the AI) is stored and scored, never refused.
-- Lists name the speakers they listen to the same way ("any" still means everyone).

ALTER TABLE transcript_fragments DROP CONSTRAINT transcript_fragments_speaker_check,
  ADD CONSTRAINT transcript_fragments_speaker_check CHECK (speaker <> '' AND length(speaker) <= 64);
ALTER TABLE fragment_scores DROP CONSTRAINT fragment_scores_speaker_check,
  ADD CONSTRAINT fragment_scores_speaker_check CHECK (speaker <> '' AND length(speaker) <= 64);
ALTER TABLE keyword_hits DROP CONSTRAINT keyword_hits_speaker_check,
  ADD CONSTRAINT keyword_hits_speaker_check CHECK (speaker <> '' AND length(speaker) <= 64);
ALTER TABLE keyword_lists DROP CONSTRAINT keyword_lists_speakers_check,
  ADD CONSTRAINT keyword_lists_speakers_check
    CHECK (cardinality(speakers) > 0 AND NOT ('' = ANY (speakers)));
