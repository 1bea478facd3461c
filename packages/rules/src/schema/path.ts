/** One problem with a rule, at a path such as `when.all[1].notFollowedBy.withinSeconds`. */
export interface RuleIssue {
  path: string;
  message: string;
}

/** `["when", "all", 1, "not"]` -> `when.all[1].not`, the form people read in docs and errors. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return out === '' ? name : `${out}.${name}`;
  }, '');
