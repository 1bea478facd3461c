export { compileStoredRule, ReplayError } from './compile-stored-rule.js';
export { replayRule } from './replay-rule.js';
export type { ReplayExample, ReplayReport } from './replay-rule.js';
