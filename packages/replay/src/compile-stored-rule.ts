import { keywordListSchema } from '@callpulse/analysis';
import { getRule, loadKeywordLists, type Pool } from '@callpulse/db';
import { compileRules, ruleSchema, type Rule, type RuleSet } from '@callpulse/rules';

/** A replay that cannot start: the message is one line for the operator. */
export class ReplayError extends Error {
  override name = 'ReplayError';
}

/** The rule's current version, compiled against the keyword lists as they are now. */
export const compileStoredRule = async (
  pool: Pool,
  name: string,
): Promise<{ rule: Rule; ruleSet: RuleSet }> => {
  const stored = await getRule(pool, name);
  if (!stored) throw new ReplayError(`no rule named "${name}"`);
  const { version, enabled, severity, notify } = stored;
  const parsed = ruleSchema.safeParse({
    ...stored.definition,
    name,
    version,
    enabled,
    severity,
    notify,
  });
  if (!parsed.success) throw new ReplayError(`rule "${name}" as stored is not valid`);
  const lists = (await loadKeywordLists(pool)).lists.flatMap((l) => {
    const list = keywordListSchema.safeParse(l);
    return list.success ? [list.data] : [];
  });
  // A disabled rule is replayed all the same: replaying is how one tries it out.
  const rule = { ...parsed.data, enabled: true };
  const { ruleSet, skipped } = compileRules([rule], { lists });
  const problem = skipped[0]?.issues[0];
  if (problem) throw new ReplayError(`rule "${name}": ${problem.path}: ${problem.message}`);
  return { rule: parsed.data, ruleSet };
};
