import type {
  AnalysisMessage,
  CallSummaryMessage,
  FragmentScoreMessage,
  KeywordHitMessage,
} from '@callpulse/contracts';
import type { PoolClient } from 'pg';

// Analysis can arrive before the call events it describes (another topic, another
// partition), so the call row is created if missing. The first analysis of an event wins:
// hits are inserted only with the score or summary row they belong to, so a replay, or a
// re-analysis under newer keyword lists, never doubles them.

const ENSURE_CALLS = `
INSERT INTO calls (source, call_id, is_test)
SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])
ON CONFLICT (source, call_id) DO NOTHING`;

// occurred_at: the analyzed event's provider time, the partition key of scores and hits
// (the same in every replay). A message from an analyzer older than that field takes the
// stored event's time, else now().
const OCCURRED_AT = `COALESCE(s.occurred_at,
  (SELECT e.occurred_at FROM call_events e WHERE e.event_id = s.event_id LIMIT 1), now())`;

const INSERT_SCORES = `
INSERT INTO fragment_scores (event_id, source, call_id, speaker, score, comparative, label, words,
  analyzer_version, keyword_lists_version, is_test, occurred_at)
SELECT s.event_id, s.source, s.call_id, s.speaker, s.score, s.comparative, s.label, s.words::jsonb,
  s.analyzer_version, s.keyword_lists_version, s.is_test, ${OCCURRED_AT}
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[],
  $8::text[], $9::text[], $10::text[], $11::boolean[], $12::timestamptz[])
  AS s(event_id, source, call_id, speaker, score, comparative, label, words, analyzer_version,
       keyword_lists_version, is_test, occurred_at)
ON CONFLICT (event_id, occurred_at) DO NOTHING
RETURNING event_id`;

const INSERT_SUMMARIES = `
INSERT INTO call_summaries (event_id, source, call_id, score, comparative, label,
  customer_comparative, customer_label, ai_comparative, summary, analyzer_version,
  keyword_lists_version, is_test)
SELECT s.event_id, s.source, s.call_id, s.score, s.comparative, s.label, s.customer_comparative,
  s.customer_label, s.ai_comparative, s.summary::jsonb, s.analyzer_version,
  s.keyword_lists_version, s.is_test
FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[],
  $7::float8[], $8::text[], $9::float8[], $10::text[], $11::text[], $12::text[], $13::boolean[])
  AS s(event_id, source, call_id, score, comparative, label, customer_comparative,
       customer_label, ai_comparative, summary, analyzer_version, keyword_lists_version, is_test)
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id`;

const INSERT_HITS = `
INSERT INTO keyword_hits (event_id, source, call_id, phase, utterance_index, list_name, term,
  match_mode, matched_text, speaker, start_offset, end_offset, is_test, occurred_at)
SELECT s.event_id, s.source, s.call_id, s.phase, s.utterance_index, s.list_name, s.term,
  s.match_mode, s.matched_text, s.speaker, s.start_offset, s.end_offset, s.is_test, ${OCCURRED_AT}
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[],
  $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::int[], $13::boolean[],
  $14::timestamptz[])
  AS s(event_id, source, call_id, phase, utterance_index, list_name, term, match_mode,
       matched_text, speaker, start_offset, end_offset, is_test, occurred_at)
ON CONFLICT DO NOTHING`;

type Hit = { message: AnalysisMessage; phase: 'live' | 'final'; hit: KeywordHitMessage };

/** Writes a batch of analysis messages inside the caller's transaction. */
export const writeAnalysis = async (
  client: PoolClient,
  messages: AnalysisMessage[],
): Promise<void> => {
  const calls = new Map<string, AnalysisMessage>();
  for (const m of messages) calls.set(`${m.source}\u0000${m.callId}`, m);
  const callList = [...calls.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, m]) => m);
  if (callList.length === 0) return;
  await client.query(ENSURE_CALLS, [
    callList.map((m) => m.source),
    callList.map((m) => m.callId),
    callList.map((m) => m.isTest),
  ]);

  const scores = messages.filter((m): m is FragmentScoreMessage => m.kind === 'fragment_score');
  const summaries = messages.filter((m): m is CallSummaryMessage => m.kind === 'call_summary');
  const fresh = new Set<string>();
  if (scores.length > 0) {
    const { rows } = await client.query<{ event_id: string }>(INSERT_SCORES, [
      scores.map((m) => m.eventId),
      scores.map((m) => m.source),
      scores.map((m) => m.callId),
      scores.map((m) => m.speaker),
      scores.map((m) => m.sentiment.score),
      scores.map((m) => m.sentiment.comparative),
      scores.map((m) => m.sentiment.label),
      scores.map((m) => JSON.stringify(m.sentiment.words)),
      scores.map((m) => m.analyzerVersion),
      scores.map((m) => m.keywordListsVersion),
      scores.map((m) => m.isTest),
      scores.map((m) => m.occurredAt ?? null),
    ]);
    for (const r of rows) fresh.add(r.event_id);
  }
  if (summaries.length > 0) {
    const { rows } = await client.query<{ event_id: string }>(INSERT_SUMMARIES, [
      summaries.map((m) => m.eventId),
      summaries.map((m) => m.source),
      summaries.map((m) => m.callId),
      summaries.map((m) => m.summary.overall.score),
      summaries.map((m) => m.summary.overall.comparative),
      summaries.map((m) => m.summary.overall.label),
      summaries.map((m) => m.summary.bySpeaker.customer.comparative),
      summaries.map((m) => m.summary.customerLabel),
      summaries.map((m) => m.summary.bySpeaker.ai.comparative),
      summaries.map((m) => JSON.stringify(m.summary)),
      summaries.map((m) => m.analyzerVersion),
      summaries.map((m) => m.keywordListsVersion),
      summaries.map((m) => m.isTest),
    ]);
    for (const r of rows) fresh.add(r.event_id);
  }

  const hits: Hit[] = messages
    .filter((m) => fresh.has(m.eventId))
    .flatMap((message) =>
      message.hits.map((hit) => ({
        message,
        hit,
        phase: message.kind === 'fragment_score' ? ('live' as const) : ('final' as const),
      })),
    );
  if (hits.length === 0) return;
  await client.query(INSERT_HITS, [
    hits.map((h) => h.message.eventId),
    hits.map((h) => h.message.source),
    hits.map((h) => h.message.callId),
    hits.map((h) => h.phase),
    hits.map((h) => h.hit.utteranceIndex),
    hits.map((h) => h.hit.list),
    hits.map((h) => h.hit.term),
    hits.map((h) => h.hit.match),
    hits.map((h) => h.hit.matchedText),
    hits.map((h) => h.hit.speaker),
    hits.map((h) => h.hit.start),
    hits.map((h) => h.hit.end),
    hits.map((h) => h.message.isTest),
    hits.map((h) => h.message.occurredAt ?? null),
  ]);
};
