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
