import { fieldErrors, type FieldError } from '@callpulse/contracts';
import { z } from 'zod';

export const DESTINATION_TYPES = ['slack', 'webhook'] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];

/** A destination as stored and as the notifier uses it (the secret included). */
export interface Destination {
  name: string;
  type: DestinationType;
  url: string;
  secret: string | null;
  enabled: boolean;
  /** Sends per second, sustained; null: the type's default. */
  ratePerSecond: number | null;
  /** Sends allowed at once above the sustained rate; null: the type's default. */
  burst: number | null;
}

// A Standard Webhooks secret: "whsec_" and base64 of 24 to 64 random bytes.
const SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

const schema = z
  .strictObject(
    {
      name: z.string({ error: 'expected a name' }).regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, {
        error:
          'expected lowercase letters, digits, - and _ (at most 100), starting with a letter or digit',
      }),
      type: z.enum(DESTINATION_TYPES, { error: 'expected "slack" or "webhook"' }),
      url: z.string({ error: 'expected a URL (empty only while disabled)' }).max(2048, {
        error: 'expected at most 2048 characters',
      }),
      secret: z
        .string({ error: 'expected a Standard Webhooks secret "whsec_..."' })
        .regex(SECRET, {
          error: 'expected a Standard Webhooks secret "whsec_" + base64 of 24-64 bytes',
        })
        .nullable()
        .optional(),
      enabled: z.boolean({ error: 'expected true or false' }).default(true),
      ratePerSecond: z
        .number({ error: 'expected a positive number' })
        .positive({ error: 'expected a positive number' })
        .max(1000, { error: 'expected at most 1000' })
        .nullable()
        .optional(),
      burst: z
        .int({ error: 'expected a whole number of 1 or more' })
        .min(1, { error: 'expected a whole number of 1 or more' })
        .max(1000, { error: 'expected at most 1000' })
        .nullable()
        .optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'expected an object') },
  )
  .superRefine((d, ctx) => {
    if (d.url !== '') {
      let url: URL | null = null;
      try {
        url = new URL(d.url);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'expected an absolute URL' });
      }
      if (url && url.protocol !== 'https:' && url.protocol !== 'http:')
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'expected an http or https URL' });
    } else if (d.enabled) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'expected a URL (empty only while disabled)',
      });
    }
    if (d.type === 'webhook' && d.enabled && !d.secret)
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message: 'a webhook destination needs a Standard Webhooks secret "whsec_..."',
      });
    if (d.type === 'slack' && d.secret)
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message: 'Slack destinations take no secret',
      });
  });

export type DestinationResult =
  { ok: true; value: Destination } | { ok: false; errors: FieldError[] };

/** Validates a destination's JSON; every problem named by its field. Says nothing of addresses. */
export const validateDestination = (input: unknown): DestinationResult => {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return { ok: false, errors: fieldErrors(parsed.error.issues, '(destination)') };
  const d = parsed.data;
  return {
    ok: true,
    value: {
      name: d.name,
      type: d.type,
      url: d.url,
      secret: d.secret ?? null,
      enabled: d.enabled,
      ratePerSecond: d.ratePerSecond ?? null,
      burst: d.burst ?? null,
    },
  };
};

/** Validates an array of destinations (a DESTINATIONS_FILE): fields prefixed by the index. */
export const validateDestinations = (
  input: unknown,
): { ok: true; value: Destination[] } | { ok: false; errors: FieldError[] } => {
  if (!Array.isArray(input))
    return {
      ok: false,
      errors: [{ field: '(destinations)', message: 'expected an array of destinations' }],
    };
  const value: Destination[] = [];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  input.forEach((item, index) => {
    const result = validateDestination(item);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => ({ ...e, field: `${index}.${e.field}` })));
      return;
    }
    if (names.has(result.value.name))
      errors.push({
        field: `${index}.name`,
        message: `duplicate destination "${result.value.name}"`,
      });
    names.add(result.value.name);
    value.push(result.value);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
};

/** Pacing defaults: Slack allows about one message a second per incoming webhook. */
export const pacingOf = (
  d: Pick<Destination, 'type' | 'ratePerSecond' | 'burst'>,
  webhookDefaults: { ratePerSecond: number; burst: number },
): { ratePerSecond: number; burst: number } =>
  d.type === 'slack'
    ? { ratePerSecond: Math.min(d.ratePerSecond ?? 1, 1), burst: d.burst ?? 3 }
    : {
        ratePerSecond: d.ratePerSecond ?? webhookDefaults.ratePerSecond,
        burst: d.burst ?? webhookDefaults.burst,
      };
