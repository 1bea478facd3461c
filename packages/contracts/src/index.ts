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
export { callKey } from './call-event.js';
export type {
  CallEvent,
  CallEventType,
  CallRef,
  Direction,
  FinalTranscriptEntry,
  LifecycleEventType,
  Speaker,
} from './call-event.js';
export { bodyEventId, canonicalJson } from './canonical.js';
export {
  CALL_EVENT_CONTENT_TYPE,
  CALL_EVENT_VERSION,
  decodeCallEvent,
  encodeCallEvent,
} from './codec.js';
export { normalizeWebhook } from './normalize.js';
export type { FieldError, NormalizeContext, NormalizeError } from './normalize.js';
export {
  isKnownEventType,
  KNOWN_EVENT_TYPES,
  providerWebhookSchema,
  SPEAKERS,
} from './provider.js';
export type { KnownEventType, ProviderWebhook } from './provider.js';
export { err, ok } from './result.js';
export type { Result } from './result.js';
