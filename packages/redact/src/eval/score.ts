import type { Span } from '../types.js';
import type { GoldUtterance } from './markup.js';

export interface TypeScore {
  gold: number;
  found: number; // gold spans overlapped by a prediction of the same type
  predicted: number;
  correct: number; // predictions overlapping a gold span of the same type
}

export interface SetScore {
  byType: Map<string, TypeScore>;
  /** Gold spans with a letter or digit left visible by every prediction, whatever its type. */
  leaked: number;
  gold: number;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const ALNUM = /[a-z0-9]/i;

const leaks = (text: string, gold: Span, predicted: readonly Span[]): boolean => {
  for (let i = gold.start; i < gold.end; i++)
    if (ALNUM.test(text[i] ?? '') && !predicted.some((p) => p.start <= i && i < p.end)) return true;
  return false;
};

/**
 * Lenient matching (any overlap with the same type counts), the usual "partial match"
 * of entity evaluation; what overlap forgives, the leak count shows.
 */
export const score = (
  data: readonly GoldUtterance[],
  predictions: readonly Span[][],
  types: readonly string[],
): SetScore => {
  const byType = new Map<string, TypeScore>(
    types.map((t) => [t, { gold: 0, found: 0, predicted: 0, correct: 0 }]),
  );
  let leaked = 0;
  let gold = 0;
  data.forEach((u, i) => {
    const predicted = predictions[i] ?? [];
    for (const g of u.spans) {
      gold++;
      const s = byType.get(g.type);
      if (s) {
        s.gold++;
        if (predicted.some((p) => p.type === g.type && overlaps(p, g))) s.found++;
      }
      if (leaks(u.text, g, predicted)) leaked++;
    }
    for (const p of predicted) {
      const s = byType.get(p.type);
      if (!s) continue;
      s.predicted++;
      if (u.spans.some((g) => g.type === p.type && overlaps(p, g))) s.correct++;
    }
  });
  return { byType, leaked, gold };
};
