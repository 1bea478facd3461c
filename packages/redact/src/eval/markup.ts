import type { Span } from '../types.js';

/** One gold-labelled utterance; `group` lines are consecutive fragments of one call. */
export interface GoldUtterance {
  id: string;
  text: string;
  spans: Span[];
  group?: string;
  speaker?: string;
}

const SPAN = /\{([a-z_]+)\|([^{}]*)\}/g;
const GROUP = /^@([\w-]+)\/([\w-]+) /;

/**
 * Reads the hand-written annotation form, `my card is {card_number|4111 ...}`, with an
 * optional `@group/speaker ` prefix, into text and gold spans of that text.
 */
export const parseMarkup = (line: string, id: string): GoldUtterance => {
  const group = GROUP.exec(line);
  const body = group ? line.slice(group[0].length) : line;
  const spans: Span[] = [];
  let text = '';
  let from = 0;
  for (const m of body.matchAll(SPAN)) {
    text += body.slice(from, m.index);
    const value = m[2] ?? '';
    spans.push({ type: m[1] ?? '', start: text.length, end: text.length + value.length });
    text += value;
    from = m.index + m[0].length;
  }
  text += body.slice(from);
  return group ? { id, text, spans, group: group[1], speaker: group[2] } : { id, text, spans };
};
