import { z } from 'zod';
import type { Window } from './condition.js';
import { nonNegativeNumber, positiveNumber, strictObject } from './fields.js';

const SHAPES =
  'expected {"firstSeconds": N}, {"lastSeconds": N} or {"fromSecond": A, "toSecond": B}';

export const windowSchema = strictObject({
  firstSeconds: positiveNumber.optional(),
  lastSeconds: positiveNumber.optional(),
  fromSecond: nonNegativeNumber.optional(),
  toSecond: nonNegativeNumber.optional(),
}).transform((w, ctx): Window => {
  const given = Object.entries(w)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort()
    .join(',');
  if (given === 'firstSeconds' && w.firstSeconds !== undefined)
    return { firstSeconds: w.firstSeconds };
  if (given === 'lastSeconds' && w.lastSeconds !== undefined) return { lastSeconds: w.lastSeconds };
  if (given === 'fromSecond,toSecond' && w.fromSecond !== undefined && w.toSecond !== undefined) {
    if (w.toSecond >= w.fromSecond) return { fromSecond: w.fromSecond, toSecond: w.toSecond };
    ctx.addIssue({ code: 'custom', path: ['toSecond'], message: 'expected toSecond ≥ fromSecond' });
    return z.NEVER;
  }
  ctx.addIssue({ code: 'custom', message: SHAPES });
  return z.NEVER;
});
