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

/**
 * A rule as a client sends it back after reading it (`fromRuleRecord`'s JSON, saved to a
 * file or echoed to the API): the store keeps the version and the time of the change
 * itself, so those two fields are dropped rather than refused. Anything else is the rule's.
 */
export const withoutStoredFields = (input: unknown): unknown => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { version: _version, updatedAt: _updatedAt, ...rule } = input as Record<string, unknown>;
  return rule;
};
