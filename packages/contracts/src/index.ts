export {
  analysisMessageSchema,
  decodeAnalysisMessage,
  encodeAnalysisMessage,
  keywordHitSchema,
} from './analysis-message.js';
export type {
  AnalysisMessage,
  CallSummaryMessage,
  FragmentScoreMessage,
  KeywordHitMessage,
} from './analysis-message.js';
export {
  callEventSchema,
  callKey,
  callRefSchema,
  LIFECYCLE_EVENT_TYPES,
  redactionSchema,
} from './call-event.js';
export type {
  CallEvent,
  CallEventType,
  CallRef,
  FinalTranscriptEntry,
  LifecycleEventType,
  Redaction,
} from './call-event.js';
export { bodyEventId, canonicalJson } from './canonical.js';
export { MAX_JSON_DEPTH, nestingDepth } from './json-depth.js';
export {
  CALL_EVENT_CONTENT_TYPE,
  CALL_EVENT_VERSION,
  decodeCallEvent,
  encodeCallEvent,
} from './codec.js';
export { normalizeWebhook } from './normalize.js';
export { fieldErrorLines, fieldErrors } from './field-errors.js';
export type { FieldError } from './field-errors.js';
export type { NormalizeContext, NormalizeError } from './normalize.js';
export { isKnownEventType, KNOWN_EVENT_TYPES, providerWebhookSchema } from './provider.js';
export type { KnownEventType, ProviderWebhook } from './provider.js';
export { err, ok } from './result.js';
export type { Result } from './result.js';
export {
  CALL_STATUSES,
  callStatusSchema,
  DIRECTIONS,
  directionSchema,
  KNOWN_SPEAKERS,
  LABELS,
  labelSchema,
  MATCH_BASES,
  MATCH_MODES,
  MATCH_PHASES,
  MATCH_STATUSES,
  matchModeSchema,
  SEVERITIES,
  severitySchema,
  speakerSchema,
} from './vocabulary.js';
export type {
  CallStatus,
  Direction,
  MatchMode,
  SentimentLabel,
  Severity,
  Speaker,
} from './vocabulary.js';
export {
  decodeRuleMatchMessage,
  encodeRuleMatchMessage,
  RULE_MATCH_MESSAGE_VERSION,
  ruleMatchMessageSchema,
} from './rule-match-message.js';
export type { RuleMatchMessage } from './rule-match-message.js';
