import type { z } from 'zod';
import { formatPath, type RuleIssue } from './path.js';
import { ruleSchema, type Rule } from './rule-schema.js';
import { walkConditions } from './walk.js';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: RuleIssue[] };

export interface ValidateOptions {
  /** Names of the keyword lists that exist: a rule naming another one is invalid. */
  lists: Iterable<string>;
  /**
   * Names of the alert destinations that exist: a rule notifying another one is invalid.
   * Omitted: destination names are not checked (offline use, where there is no store).
   */
  destinations?: Iterable<string>;
}

const toIssues = (issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]) =>
  issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]) || '(rule)',
    message: issue.message,
  }));

/** References to lists that do not exist; a rule that can never match is a mistake to report. */
const unknownLists = (rule: Rule, known: ReadonlySet<string>, prefix: readonly PropertyKey[]) => {
  const issues: RuleIssue[] = [];
  walkConditions(rule.when, [...prefix, 'when'], (condition, path) => {
    if ('said' in condition && condition.said.list !== undefined) {
      if (!known.has(condition.said.list)) {
        issues.push({
          path: formatPath([...path, 'said', 'list']),
          message: `unknown keyword list "${condition.said.list}"`,
        });
      }
    }
  });
  return issues;
};

const unknownDestinations = (
  rule: Rule,
  known: ReadonlySet<string> | null,
  prefix: readonly PropertyKey[],
): RuleIssue[] =>
  known === null
    ? []
    : rule.notify.flatMap((name, i) =>
        known.has(name)
          ? []
          : [
              {
                path: formatPath([...prefix, 'notify', i]),
                message: `unknown destination "${name}"`,
              },
            ],
      );

const validateAt = (
  input: unknown,
  known: ReadonlySet<string>,
  prefix: readonly PropertyKey[],
  destinations: ReadonlySet<string> | null = null,
): ValidationResult<Rule> => {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: toIssues(parsed.error.issues, prefix) };
  const rule: Rule = parsed.data;
  const errors = [
    ...unknownLists(rule, known, prefix),
    ...unknownDestinations(rule, destinations, prefix),
  ];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: rule };
};

const destinationSet = (names: Iterable<string> | undefined): ReadonlySet<string> | null =>
  names === undefined ? null : new Set(names);

/** Validates one rule, listing every problem with its path; defaults applied to the value. */
export const validateRule = (
  input: unknown,
  { lists, destinations }: ValidateOptions,
): ValidationResult<Rule> => validateAt(input, new Set(lists), [], destinationSet(destinations));

/** Validates an array of rules (a rules file): paths start with the index, names are unique. */
export const validateRules = (
  input: unknown,
  { lists, destinations }: ValidateOptions,
): ValidationResult<Rule[]> => {
  const knownDestinations = destinationSet(destinations);
  if (!Array.isArray(input)) {
    return { ok: false, errors: [{ path: '(rules)', message: 'expected an array of rules' }] };
  }
  const known = new Set(lists);
  const rules: Rule[] = [];
  const errors: RuleIssue[] = [];
  const names = new Set<string>();
  input.forEach((item, index) => {
    const result = validateAt(item, known, [index], knownDestinations);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    if (names.has(result.value.name)) {
      errors.push({
        path: formatPath([index, 'name']),
        message: `duplicate rule name "${result.value.name}"`,
      });
    }
    names.add(result.value.name);
    rules.push(result.value);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: rules };
};
