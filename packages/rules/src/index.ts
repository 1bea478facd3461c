export { compileRules } from './compile/compile-rules.js';
export type {
  CompiledRule,
  CompileOptions,
  CompileResult,
  RuleSet,
} from './compile/compile-rules.js';
export { evaluateCall } from './evaluate-call.js';
export { toMatchMessage } from './match-message.js';
export type { CallEvaluation } from './evaluate-call.js';
export { explainCall } from './explain/explain-call.js';
export { testCall, testCallLine } from './offline/test-call.js';
export type {
  OfflineMatch,
  OfflineOptions,
  OfflineOutcome,
  OfflineResult,
} from './offline/test-call.js';
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
export { fromRuleRecord, toRuleRecord, withoutStoredFields } from './schema/stored-rule.js';
export type { RuleRecord } from './schema/stored-rule.js';
export { validateRule, validateRules } from './schema/validate-rule.js';
export type { ValidateOptions, ValidationResult } from './schema/validate-rule.js';
export { createCallState, readCallState } from './state/call-state.js';
export type { CallState, Fragment } from './state/call-state.js';
export type { FinalEntry, RuleEvent } from './state/rule-event.js';
export { step, sweep } from './step.js';
export type { StepResult } from './step.js';
export { SEVERITIES } from './types.js';
export type { Basis, Evidence, Phase, RuleMatch, Severity, Status } from './types.js';
