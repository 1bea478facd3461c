import type { RuleMatchMessage } from '@callpulse/contracts';
import type { PoolClient } from 'pg';

/**
 * Upserts rule matches, one row per call and rule version. Idempotent under replays, and
 * a status only moves forward: a replayed `fired` never undoes `confirmed` or `retracted`.
 */
export const writeRuleMatches = async (
  client: PoolClient,
  matches: readonly RuleMatchMessage[],
): Promise<void> => {
  if (matches.length === 0) return;
  // Like analysis, a match can arrive before the call's events: the call row is created if
  // missing, so the figures refresh that follows can lock it (a row another transaction is
  // inserting is waited for here, and is then visible to the refresh).
  const calls = new Map<string, RuleMatchMessage>();
  for (const m of matches) calls.set(`${m.source}\u0000${m.callId}`, m);
  const callList = [...calls.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, m]) => m);
  await client.query(
    `INSERT INTO calls (source, call_id, is_test)
     SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])
     ON CONFLICT (source, call_id) DO NOTHING`,
    [callList.map((m) => m.source), callList.map((m) => m.callId), callList.map((m) => m.isTest)],
  );
  await client.query(
    `INSERT INTO rule_matches (source, call_id, rule_name, rule_version, severity, phase, status,
       basis, at_second, matched_at, decided_at, updated_at, evidence, is_test, origin)
     SELECT m.source, m."callId", m.rule, m."ruleVersion", m.severity, m.phase, m.status,
       m.basis, m."atSecond", m."matchedAt", m."decidedAt", m."decidedAt", m.evidence,
       m."isTest", m.origin
     FROM jsonb_to_recordset($1::jsonb) AS m(source text, "callId" text, rule text,
       "ruleVersion" bigint, severity text, phase text, status text, basis text,
       "atSecond" double precision, "matchedAt" timestamptz, "decidedAt" timestamptz,
       evidence jsonb, "isTest" boolean, origin text)
     ON CONFLICT (source, call_id, rule_name, rule_version) DO UPDATE
       SET status = EXCLUDED.status, phase = EXCLUDED.phase, basis = EXCLUDED.basis,
           at_second = EXCLUDED.at_second, matched_at = EXCLUDED.matched_at,
           evidence = EXCLUDED.evidence, updated_at = EXCLUDED.updated_at
       WHERE rule_status_rank(EXCLUDED.status) > rule_status_rank(rule_matches.status)`,
    [JSON.stringify(latestPerMatch(matches))],
  );
};

/** One row per key in a statement (ON CONFLICT cannot touch a row twice): the furthest status. */
const latestPerMatch = (matches: readonly RuleMatchMessage[]): RuleMatchMessage[] => {
  const rank = { fired: 0, confirmed: 1, retracted: 1 } as const;
  const byId = new Map<string, RuleMatchMessage>();
  for (const m of matches) {
    const seen = byId.get(m.matchId);
    if (!seen || rank[m.status] > rank[seen.status]) byId.set(m.matchId, m);
  }
  return [...byId.values()];
};
