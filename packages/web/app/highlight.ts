import { h } from './dom.js';

export interface Hit {
  start: number;
  end: number;
  list: string;
  term: string;
}

/**
 * A turn's text with its keyword hits marked at their offsets (UTF-16, end exclusive, as
 * the analysis package reports them). Overlapping hits: the earlier one wins.
 */
export const highlight = (text: string, hits: Hit[]): (Node | string)[] => {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: (Node | string)[] = [];
  let at = 0;
  for (const hit of sorted) {
    if (hit.start < at || hit.end > text.length || hit.end <= hit.start) continue;
    if (hit.start > at) out.push(text.slice(at, hit.start));
    out.push(
      h(
        'mark',
        { class: 'hit', title: `${hit.list}: ${hit.term}`, 'data-list': hit.list },
        text.slice(hit.start, hit.end),
      ),
    );
    at = hit.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
};
