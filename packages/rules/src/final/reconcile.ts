import type { CompiledRule } from '../compile/compile-rules.js';
import type { Occurrence } from '../eval/outcome.js';
import type { RuleMatch } from '../types.js';

/**
 * The call's settled matches. A live match that still holds on the final transcript is
 * `confirmed`, with the final pass's time and evidence (the record of what the call
 * contained); one that does not is `retracted`, as it was. A rule found only by the final
 * pass is `final`/`fired`, decided by call_end. Live matches of rule versions no longer in
 * the set cannot be re-evaluated and are left out.
 */
export const reconcile = (
  rules: readonly CompiledRule[],
  fired: readonly RuleMatch[],
  /** By rule index: 1 if `fired` holds the rule (see `firedIn`). */
  firedFlags: Uint8Array,
  /** By rule index: the rule's first occurrence in the final pass. */
  finalFirst: readonly (Occurrence | undefined)[],
): RuleMatch[] => {
  const settled: RuleMatch[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as CompiledRule;
    const live =
      firedFlags[i] === 1
        ? fired.find((m) => m.rule === rule.name && m.ruleVersion === rule.version)
        : undefined;
    const final = finalFirst[i];
    if (live === undefined && final === undefined) continue;
    settled.push({
      rule: rule.name,
      ruleVersion: rule.version,
      severity: live?.severity ?? rule.severity,
      phase: live === undefined ? 'final' : live.phase,
      status: live === undefined ? 'fired' : final === undefined ? 'retracted' : 'confirmed',
      basis: live === undefined ? 'call_end' : live.basis,
      atSecond: final?.at ?? (live as RuleMatch).atSecond,
      evidence: final === undefined ? (live as RuleMatch).evidence : [...final.evidence],
    });
  }
  return settled;
};
