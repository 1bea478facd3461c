import { keywordTermSchema } from '@callpulse/analysis';
import { z } from 'zod';

// Shared field schemas. Every message starts with "expected" so that, after the path, an
// error reads as one sentence: `when.longerThan.seconds: expected a positive number`.

export const positiveNumber = z
  .number({ error: 'expected a positive number' })
  .positive({ error: 'expected a positive number' });

export const nonNegativeNumber = z
  .number({ error: 'expected a number of 0 or more' })
  .nonnegative({ error: 'expected a number of 0 or more' });

export const positiveInt = z
  .int({ error: 'expected a whole number of 1 or more' })
  .min(1, { error: 'expected a whole number of 1 or more' });

export const nonNegativeInt = z
  .int({ error: 'expected a whole number of 0 or more' })
  .min(0, { error: 'expected a whole number of 0 or more' });

/** Speakers are free names: "customer" and "ai" today, "agent" or others tomorrow. */
export const speakerName = z
  .string({ error: 'expected a speaker name such as "customer", "ai" or "any"' })
  .trim()
  .min(1, { error: 'expected a speaker name such as "customer", "ai" or "any"' })
  .max(100, { error: 'expected a speaker name of at most 100 characters' });

/** The same rule as keyword list names: names appear in URLs, records and metrics labels. */
export const slugName = z
  .string({ error: 'expected a name' })
  .min(1, { error: 'expected a non-empty name' })
  .max(100, { error: 'expected a name of at most 100 characters' })
  .regex(/^[a-z0-9_-]+$/, { error: 'expected only a-z, 0-9, "_" and "-"' });

/** A keyword term object as in keyword lists; a bare string is shorthand for an exact term. */
const term = z.preprocess(
  (value) => (typeof value === 'string' ? { term: value, match: 'exact' } : value),
  keywordTermSchema,
);

export const termArray = (min: number) =>
  z
    .array(term, { error: 'expected an array of terms' })
    .min(min, { error: `expected at least ${min} term${min === 1 ? '' : 's'}` })
    .max(1000, { error: 'expected at most 1000 terms' });

/** Strict: a misspelt field ("withinSecond") is an error, never silently ignored. */
export const strictObject = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : 'expected an object',
  });
