import { applySpans } from './apply.js';
import { createDetector, type RedactorOptions } from './detector.js';
import type { RedactContext, RedactResult } from './types.js';

export interface Redactor {
  /**
   * Redacts one fragment. `redactions[].start/end` are offsets of the replacement tokens
   * in the returned text; the original values are never returned. Pass the returned
   * `carry` with the same speaker's next fragment to catch numbers split across them.
   */
  redact(text: string, ctx?: RedactContext): RedactResult;
}

/**
 * Compiles the configuration once; `redact` is then pure (no I/O, clock or environment).
 * Throws RedactConfigError for unknown types or invalid custom patterns.
 */
export const createRedactor = (options: RedactorOptions = {}): Redactor => {
  const detect = createDetector(options);
  return {
    redact(text, ctx) {
      const { spans, carry } = detect(text, ctx);
      return { ...applySpans(text, spans), carry };
    },
  };
};
