import { MATCH_MODES, speakerSchema } from '@callpulse/contracts';
import { closestName } from './closest-name.js';
import { z } from 'zod';

/** Who a list listens to: speaker names ("customer", "ai", or any other), or "any". */
export const ANY_SPEAKER = 'any';

// A term must contain something the tokenizer can match: a letter or digit of any script.
const HAS_WORD = /[\p{L}\p{N}]/u;
const WORD_CHARS = /[\p{L}\p{M}\p{N}]/gu;

/** Letters and digits in a term: what a fuzzy distance is measured against. */
export const wordCharCount = (term: string): number => term.match(WORD_CHARS)?.length ?? 0;

/**
 * A fuzzy term must be long enough that its distance does not swallow it: at least 4
 * letters, and 2 × maxDistance + 2 ("bill" within 2 edits is also "be", "hi", "all").
 */
export const minFuzzyLength = (maxDistance: number): number => Math.max(4, 2 * maxDistance + 2);

const term = z
  .string({ error: 'term must be a string' })
  .trim()
  .min(1, { error: 'term must not be blank', abort: true })
  .max(200, 'term must be at most 200 characters')
  .refine((t) => HAS_WORD.test(t), 'term must contain at least one letter or digit');

/**
 * `schema` refusing fields it does not name, each at its own path and beside the other
 * problems of the object, with a hint when it looks like a known field misspelt
 * (`terms.0.maxdistance: unknown field (did you mean "maxDistance"?)`): a misspelt option
 * must not silently become its default. The type stays the strict one: a parse that
 * succeeds has no other field.
 */
const knownFieldsOnly = <S extends z.ZodObject>(schema: S): S => {
  const known = Object.keys(schema.shape);
  const unknownField = z.unknown().refine(() => false, {
    error: (issue) => {
      const meant = closestName(String(issue.path?.at(-1) ?? ''), known);
      return `unknown field${meant ? ` (did you mean "${meant}"?)` : ''}`;
    },
  });
  return schema.catchall(unknownField) as unknown as S;
};

const onlyFor = (field: string, mode: string) =>
  z.never({ error: `${field} applies only to ${mode} terms` }).optional();

const slop = z
  .int({ error: 'slop must be a whole number from 0 to 5' })
  .min(0, 'slop must be a whole number from 0 to 5')
  .max(5, 'slop must be a whole number from 0 to 5');

const maxDistance = z
  .int({ error: 'maxDistance must be a whole number from 1 to 3' })
  .min(1, 'maxDistance must be a whole number from 1 to 3')
  .max(3, 'maxDistance must be a whole number from 1 to 3');

const exactTerm = knownFieldsOnly(
  z.object({
    term,
    match: z.literal('exact'),
    slop: onlyFor('slop', 'phrase'),
    maxDistance: onlyFor('maxDistance', 'fuzzy'),
  }),
);

const stemTerm = knownFieldsOnly(
  z.object({
    term,
    match: z.literal('stem'),
    slop: onlyFor('slop', 'phrase'),
    maxDistance: onlyFor('maxDistance', 'fuzzy'),
  }),
);

const phraseTerm = knownFieldsOnly(
  z.object({
    term,
    match: z.literal('phrase'),
    /** Extra words allowed inside the phrase, in total ("switch to another provider"). */
    slop: slop.default(0),
    maxDistance: onlyFor('maxDistance', 'fuzzy'),
  }),
);

const fuzzyTerm = knownFieldsOnly(
  z.object({
    term,
    match: z.literal('fuzzy'),
    /** Damerau-Levenshtein edits allowed, summed over the term's words. */
    maxDistance: maxDistance.default(1),
    slop: onlyFor('slop', 'phrase'),
  }),
).superRefine((t, ctx) => {
  const need = minFuzzyLength(t.maxDistance);
  const have = wordCharCount(t.term);
  if (have >= need) return;
  ctx.addIssue({
    code: 'custom',
    path: have < 4 ? ['term'] : ['maxDistance'],
    message:
      have < 4
        ? `a fuzzy term needs at least 4 letters or digits ("${t.term}" has ${have}); use exact for short words`
        : `maxDistance ${t.maxDistance} needs a term of at least ${need} letters or digits ("${t.term}" has ${have})`,
  });
});

/** One term of a keyword list: what to find and how it matches. */
export const keywordTermSchema = z.discriminatedUnion(
  'match',
  [exactTerm, stemTerm, phraseTerm, fuzzyTerm],
  {
    error: (issue) =>
      typeof issue.input === 'object' && issue.input !== null
        ? `match must be one of ${MATCH_MODES.map((m) => `"${m}"`).join(', ')}`
        : 'a term must be an object such as {"term": "cancel", "match": "stem"}',
  },
);

/**
 * A keyword list, the one format of the API, the CLI, files and the database. `name` is
 * 1-100 characters of a-z, 0-9, "_" and "-" (it appears in URLs, hit records and
 * metrics labels). A field it does not name is refused, in the list and in each term;
 * `version` and `updatedAt`, which the store adds, are taken and dropped, so a list read
 * back (from the API, the CLI or Postgres) parses as it is.
 */
export const keywordListSchema = knownFieldsOnly(
  z.object(
    {
      name: z
        .string({ error: 'name must be a string' })
        .min(1, { error: 'name must not be empty', abort: true })
        .max(100, 'name must be at most 100 characters')
        .regex(/^[a-z0-9_-]+$/, 'name may contain only a-z, 0-9, "_" and "-"'),
      description: z.string().max(1000, 'description must be at most 1000 characters').optional(),
      speakers: z
        .array(speakerSchema, { error: 'speakers must be a list of speaker names' })
        .min(1, 'speakers must name at least one speaker ("customer", "ai", …) or "any"')
        .max(20, 'speakers may name at most 20 speakers')
        .default([ANY_SPEAKER]),
      enabled: z.boolean({ error: 'enabled must be true or false' }).default(true),
      terms: z
        .array(keywordTermSchema, { error: 'terms must be an array of terms' })
        .min(1, 'a list needs at least one term')
        .max(1000, 'a list may have at most 1000 terms'),
      // Set by the store: whatever a client echoes back is ignored.
      version: z.unknown().optional(),
      updatedAt: z.unknown().optional(),
    },
    { error: 'a keyword list must be a JSON object' },
  ),
).transform(({ version: _version, updatedAt: _updatedAt, ...list }) => list);

/** Several lists, as a file or a bulk request holds them; names must be unique. */
export const keywordListsSchema = z.array(keywordListSchema).superRefine((lists, ctx) => {
  const seen = new Set<string>();
  lists.forEach((list, index) => {
    if (seen.has(list.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `duplicate list name "${list.name}"`,
      });
    }
    seen.add(list.name);
  });
});

export type KeywordTerm = z.infer<typeof keywordTermSchema>;
export type KeywordList = z.infer<typeof keywordListSchema>;
export type KeywordListInput = z.input<typeof keywordListSchema>;
export type { MatchMode } from '@callpulse/contracts';
