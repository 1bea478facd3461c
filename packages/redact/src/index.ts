export { createRedactor } from './redactor.js';
export type { Redactor } from './redactor.js';
export { RedactConfigError } from './detector.js';
export type { RedactorOptions } from './detector.js';
export { compileCustomPatterns } from './custom.js';
export type { CustomPattern, ParseResult } from './custom.js';
export { parseEntityTypes } from './parse-types.js';
export { hashCallerNumber } from './hash-caller.js';
export { tokenFor } from './tokens.js';
export { ENTITY_TYPES } from './types.js';
export type {
  CarryState,
  EntityType,
  Redaction,
  RedactionType,
  RedactContext,
  RedactResult,
  SpeakerCarry,
} from './types.js';
