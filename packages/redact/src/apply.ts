import { tokenFor } from './tokens.js';
import type { Redaction, Span } from './types.js';

/**
 * Sorted, non-overlapping spans. Overlaps are united rather than one dropped, so a value
 * two detectors disagree about is still hidden whole; the longer detection names it.
 */
export const mergeSpans = (spans: Span[]): Span[] => {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  let current = spans[0] as Span;
  for (let i = 1; i < spans.length; i++) {
    const next = spans[i] as Span;
    if (next.start < current.end) {
      const longer = next.end - next.start > current.end - current.start ? next : current;
      current = { type: longer.type, start: current.start, end: Math.max(current.end, next.end) };
    } else {
      merged.push(current);
      current = next;
    }
  }
  merged.push(current);
  return merged;
};

/**
 * Replaces each span with its type token. Offsets returned are those of the tokens in
 * the output, so a consumer of the redacted text can find them without the original.
 */
export const applySpans = (
  text: string,
  spans: readonly Span[],
): { text: string; redactions: Redaction[] } => {
  if (spans.length === 0) return { text, redactions: [] };
  let output = '';
  let from = 0;
  const redactions: Redaction[] = [];
  for (const { type, start, end } of spans) {
    output += text.slice(from, start);
    const token = tokenFor(type);
    redactions.push({ type, start: output.length, end: output.length + token.length });
    output += token;
    from = end;
  }
  return { text: output + text.slice(from), redactions };
};
