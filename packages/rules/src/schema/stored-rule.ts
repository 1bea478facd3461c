import type { Rule } from './rule-schema.js';

/** A validated rule as a rule store keeps it: the columns it filters on, and the rest. */
export interface RuleRecord {
  name: string;
  definition: Record<string, unknown>;
  enabled: boolean;
  severity: string;
  notify: string[];
}

/** The store keeps name and version itself; everything else goes into `definition`. */
export const toRuleRecord = (rule: Rule): RuleRecord => {
  const { name, version: _version, ...definition } = rule;
  return {
    name,
    definition: definition,
    enabled: rule.enabled,
    severity: rule.severity,
    notify: rule.notify,
  };
};

/** The rule's JSON as the API and the CLI show it: the language, plus its version. */
export const fromRuleRecord = (stored: {
  name: string;
  definition: Record<string, unknown>;
  version: number;
  updatedAt?: string;
}): Record<string, unknown> => ({
  name: stored.name,
  ...stored.definition,
  version: stored.version,
  ...(stored.updatedAt ? { updatedAt: stored.updatedAt } : {}),
});
