import { z } from 'zod';
import {
  LIFECYCLE_CONDITIONS,
  OPERATORS,
  type Condition,
  type Operator,
  type SaidBody,
  type SentimentBody,
} from './condition.js';
import {
  nonNegativeInt,
  positiveInt,
  positiveNumber,
  slugName,
  speakerName,
  strictObject,
  termArray,
} from './fields.js';
import { windowSchema } from './window-schema.js';

// Bodies refer back to conditions; z.lazy defers the reference until first use.
const condition = z.lazy((): z.ZodType<Condition> => conditionSchema);

const said = strictObject({
  list: slugName.optional(),
  terms: termArray(1).optional(),
  speaker: speakerName.optional(),
  atLeast: positiveInt.default(1),
  window: windowSchema.optional(),
}).superRefine((body: SaidBody, ctx) => {
  if ((body.list === undefined) === (body.terms === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'expected exactly one of "list" and "terms"' });
  }
});

const sequence = strictObject({ first: condition, then: condition, withinSeconds: positiveNumber });

const threshold = z.number({ error: 'expected a number' });
const sentiment = strictObject({
  speaker: speakerName,
  below: threshold.optional(),
  above: threshold.optional(),
  overLast: positiveInt.default(1),
}).superRefine((body: SentimentBody, ctx) => {
  if ((body.below === undefined) === (body.above === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'expected exactly one of "below" and "above"' });
  }
});

const conditions = z
  .array(condition, { error: 'expected an array of conditions' })
  .min(1, { error: 'expected at least one condition' });

const bodies: Record<Operator, z.ZodType> = {
  said,
  near: strictObject({
    terms: termArray(2),
    words: nonNegativeInt,
    speaker: speakerName.optional(),
  }),
  followedBy: sequence,
  notFollowedBy: sequence,
  sentiment,
  event: z.enum(LIFECYCLE_CONDITIONS, {
    error: `expected one of ${LIFECYCLE_CONDITIONS.map((e) => `"${e}"`).join(', ')}`,
  }),
  longerThan: strictObject({ seconds: positiveNumber }),
  all: conditions,
  any: conditions,
  not: condition,
};

const ONE_OF = `expected an object with exactly one of ${OPERATORS.join(', ')}`;

const isOperator = (key: string): key is Operator => (OPERATORS as readonly string[]).includes(key);

/**
 * A condition: an object with exactly one operator key. Parsed by hand around one schema per
 * operator so an error names the operator in its path (`when.any[0].said.atLeast`) instead
 * of listing why each of ten union branches failed.
 */
export const conditionSchema: z.ZodType<Condition> = z.unknown().transform((input, ctx) => {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    ctx.addIssue({ code: 'custom', message: ONE_OF });
    return z.NEVER;
  }
  const keys = Object.keys(input);
  const [op] = keys;
  if (keys.length !== 1 || op === undefined || !isOperator(op)) {
    const unknown = keys.filter((k) => !isOperator(k));
    ctx.addIssue({
      code: 'custom',
      message: unknown.length > 0 ? `unknown operator "${unknown[0]}"; ${ONE_OF}` : ONE_OF,
    });
    return z.NEVER;
  }
  const parsed = bodies[op].safeParse((input as Record<string, unknown>)[op]);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [op, ...issue.path] });
    }
    return z.NEVER;
  }
  return { [op]: parsed.data } as Condition;
});
