import type { Span } from '../types.js';
import type { GoldUtterance } from './markup.js';

/** A redactor under evaluation: input spans with our type names (others kept as-is). */
export type Detect = (utterance: GoldUtterance) => Promise<Span[]>;

export interface System {
  name: string;
  /** Our types the system has any detector for; the rest print as "-". */
  covers: readonly string[];
  /** Loads the library; a failure is reported in the table instead of a number. */
  load(): Promise<{ ok: true; detect: Detect } | { ok: false; error: string }>;
  /** Called before each set so per-call state (carry) starts empty. */
  reset?(): void;
}
