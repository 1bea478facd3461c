export { LIFECYCLE_CONDITIONS, OPERATORS } from './schema/condition.js';
export type {
  Condition,
  LifecycleCondition,
  NearBody,
  Operator,
  SaidBody,
  SentimentBody,
  SequenceBody,
  Window,
} from './schema/condition.js';
export { conditionSchema } from './schema/condition-schema.js';
export type { RuleIssue } from './schema/path.js';
export { NOTIFY_ON, ruleSchema } from './schema/rule-schema.js';
export type { NotifyOn, Rule } from './schema/rule-schema.js';
export { validateRule, validateRules } from './schema/validate-rule.js';
export type { ValidateOptions, ValidationResult } from './schema/validate-rule.js';
export { SEVERITIES } from './types.js';
export type { Basis, Evidence, Phase, RuleMatch, Severity, Status } from './types.js';
