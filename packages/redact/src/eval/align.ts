import type { Span } from '../types.js';

/**
 * Recovers input spans from a library that only returns redacted text. Each replacement
 * must be one marker character (private-use code points, which no detector matches);
 * `types` maps a marker to its type. The output is matched back against the input with
 * each marker standing for a non-empty stretch, shortest first.
 */
export const alignMarkers = (
  input: string,
  output: string,
  types: ReadonlyMap<string, string>,
): Span[] | undefined => {
  const markers: string[] = [];
  let source = '^';
  let literal = '';
  const flush = () => {
    source += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    literal = '';
  };
  for (const ch of output) {
    if (types.has(ch)) {
      flush();
      markers.push(ch);
      source += '([\\s\\S]+?)';
    } else literal += ch;
  }
  flush();
  const m = new RegExp(`${source}$`, 'd').exec(input);
  if (!m?.indices) return undefined;
  return markers.map((marker, i) => {
    const [start, end] = m.indices?.[i + 1] ?? [0, 0];
    return { type: types.get(marker) ?? '', start, end };
  });
};
