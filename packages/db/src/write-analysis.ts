import type { AnalysisMessage } from '@callpulse/contracts';
import type { PoolClient } from 'pg';
import { asJson, copyRows, type CopyValue } from './copy-rows.js';
import { checkStaged, ensureStaging } from './staging.js';

// Analysis can arrive before the call events it describes (another topic, another
// partition), so the call row is created if missing. The first analysis of an event wins:
// hits are inserted only with the score or summary row they belong to, so a replay, or a
// re-analysis under newer keyword lists, never doubles them.

const ENSURE_CALLS = `
INSERT INTO calls (source, call_id, is_test)
SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])
ON CONFLICT (source, call_id) DO NOTHING`;

// The messages go by COPY into a staging table (hits as a JSON array per message) and on
// with one statement: scores and summaries inserted unless their event id is stored, and
// the hits of exactly those that were inserted.
//
// occurred_at: the analyzed event's provider time, the partition key of scores and hits
// (the same in every replay). A message from an analyzer older than that field takes the
// stored event's time, else now(); worked out once per staged message, so a score and its
// hits land in the same day.
const STAGED_COLUMNS = [
  'kind',
  'event_id',
  'source',
  'call_id',
  'speaker',
  'score',
  'comparative',
  'label',
  'words',
  'customer_comparative',
  'customer_label',
  'ai_comparative',
  'summary',
  'analyzer_version',
  'keyword_lists_version',
  'is_test',
  'occurred_at',
  'hits',
] as const;

const INSERT_STAGED = `
WITH consumed AS (
  DELETE FROM analysis_staged RETURNING *
),
staged AS (
  SELECT c.kind, c.event_id, c.source, c.call_id, c.speaker, c.score, c.comparative, c.label,
    c.words, c.customer_comparative, c.customer_label, c.ai_comparative, c.summary,
    c.analyzer_version, c.keyword_lists_version, c.is_test, c.hits,
    COALESCE(c.occurred_at,
      (SELECT e.occurred_at FROM call_events e WHERE e.event_id = c.event_id LIMIT 1),
      now()) AS occurred_at
  FROM consumed c
),
scores AS (
  INSERT INTO fragment_scores (event_id, source, call_id, speaker, score, comparative, label,
    words, analyzer_version, keyword_lists_version, is_test, occurred_at)
  SELECT event_id, source, call_id, speaker, score, comparative, label, words, analyzer_version,
    keyword_lists_version, is_test, occurred_at
  FROM staged
  WHERE kind = 'fragment_score'
  ON CONFLICT (event_id, occurred_at) DO NOTHING
  RETURNING event_id
),
summaries AS (
  INSERT INTO call_summaries (event_id, source, call_id, score, comparative, label,
    customer_comparative, customer_label, ai_comparative, summary, analyzer_version,
    keyword_lists_version, is_test)
  SELECT event_id, source, call_id, score, comparative, label, customer_comparative,
    customer_label, ai_comparative, summary, analyzer_version, keyword_lists_version, is_test
  FROM staged
  WHERE kind = 'call_summary'
  ON CONFLICT (event_id) DO NOTHING
  RETURNING event_id
),
hits AS (
  INSERT INTO keyword_hits (event_id, source, call_id, phase, utterance_index, list_name, term,
    match_mode, matched_text, speaker, start_offset, end_offset, is_test, occurred_at)
  SELECT s.event_id, s.source, s.call_id,
    CASE s.kind WHEN 'fragment_score' THEN 'live' ELSE 'final' END,
    h."utteranceIndex", h.list, h.term, h.match, h."matchedText", h.speaker, h.start, h."end",
    s.is_test, s.occurred_at
  FROM staged s
  CROSS JOIN LATERAL jsonb_to_recordset(s.hits) AS h("utteranceIndex" int, list text,
    term text, match text, "matchedText" text, speaker text, start int, "end" int)
  WHERE s.event_id IN (SELECT event_id FROM scores UNION ALL SELECT event_id FROM summaries)
  ON CONFLICT DO NOTHING
)
SELECT count(*)::int AS staged FROM staged`;

/** Writes a batch of analysis messages inside the caller's transaction. */
export const writeAnalysis = async (
  client: PoolClient,
  messages: AnalysisMessage[],
): Promise<void> => {
  const calls = new Map<string, AnalysisMessage>();
  for (const m of messages) calls.set(`${m.source}\u0000${m.callId}`, m);
  const callList = [...calls.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, m]) => m);
  if (callList.length === 0) return;
  await ensureStaging(client);
  // Staged first: a calls row this inserts is held until commit, and the writer of the
  // call's events waits that long.
  const copied = await copyRows(client, 'analysis_staged', STAGED_COLUMNS, messages.map(stagedRow));
  await client.query(ENSURE_CALLS, [
    callList.map((m) => m.source),
    callList.map((m) => m.callId),
    callList.map((m) => m.isTest),
  ]);
  const { rows } = await client.query<{ staged: number }>(INSERT_STAGED);
  checkStaged('analysis_staged', copied, rows[0]?.staged ?? 0);
};

const stagedRow = (m: AnalysisMessage): CopyValue[] => {
  const hits = asJson(m.hits);
  const common = [m.kind, m.eventId, m.source, m.callId] as const;
  const versions = [m.analyzerVersion, m.keywordListsVersion, m.isTest, m.occurredAt] as const;
  switch (m.kind) {
    case 'fragment_score':
      return [
        ...common,
        m.speaker,
        m.sentiment.score,
        m.sentiment.comparative,
        m.sentiment.label,
        asJson(m.sentiment.words),
        null,
        null,
        null,
        null,
        ...versions,
        hits,
      ];
    case 'call_summary':
      return [
        ...common,
        null,
        m.summary.overall.score,
        m.summary.overall.comparative,
        m.summary.overall.label,
        null,
        m.summary.bySpeaker.customer.comparative,
        m.summary.customerLabel,
        m.summary.bySpeaker.ai.comparative,
        asJson(m.summary),
        ...versions,
        hits,
      ];
  }
};
