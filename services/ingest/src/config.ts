import { commonEnv, ingestAuthEnv, portEnv, positiveInt, topicEnv } from '@callpulse/runtime';
import { compileCustomPatterns, parseEntityTypes } from '@callpulse/redact';
import { z } from 'zod';

/** `{"name": "regex", …}` as patterns, or null when it is not such an object. */
const customPatterns = (text: string): { name: string; pattern: string }[] | null => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const entries = Object.entries(json);
  if (!entries.every(([, p]) => typeof p === 'string')) return null;
  return entries.map(([name, pattern]) => ({ name, pattern: pattern as string }));
};

export const configSchema = z
  .object({
    ...commonEnv,
    ...topicEnv,
    ...ingestAuthEnv,
    INGEST_PORT: portEnv.INGEST_PORT,
    // Webhook bind address.
    INGEST_HOST: z.string().default('0.0.0.0'),
    // Standard Webhooks secret (whsec_…); when set, signatures are verified too.
    INGEST_SIGNING_SECRET: z.string().default(''),
    INGEST_MAX_BODY_BYTES: positiveInt(1024 * 1024),
    // Longest wait for Kafka's acknowledgement before answering 503.
    INGEST_PUBLISH_TIMEOUT_MS: positiveInt(5_000),
    // Micro-batching: linger before a lone event is sent, and the largest batch.
    INGEST_LINGER_MS: z.coerce.number().int().min(0).default(2),
    INGEST_MAX_BATCH: positiveInt(500),
    // Outage spool: events Kafka cannot take in time are fsynced here and acknowledged.
    INGEST_SPOOL_DIR: z.string().default(''),
    INGEST_SPOOL_MAX_BYTES: positiveInt(256 * 1024 * 1024),
    // Redaction of transcript text before anything is published: on unless "off".
    REDACT: z.enum(['on', 'off']).default('on'),
    // Which kinds of personal data, comma-separated ("all", or e.g. card_number,cvv,email).
    REDACT_TYPES: z
      .string()
      .default('all')
      .transform((list, ctx) => {
        const parsed = parseEntityTypes(list);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }),
    // Operator patterns as a JSON object of name → regular expression, e.g. {"member_id": "M-\\d{6}"}.
    REDACT_CUSTOM: z
      .string()
      .default('{}')
      .transform((text, ctx) => {
        const patterns = customPatterns(text);
        if (!patterns) {
          ctx.addIssue({
            code: 'custom',
            message:
              'must be a JSON object of name → regular expression, e.g. {"member_id": "M-\\\\d{6}"}',
          });
          return z.NEVER;
        }
        const compiled = compileCustomPatterns(patterns);
        if (compiled.ok) return patterns;
        ctx.addIssue({ code: 'custom', message: compiled.error });
        return z.NEVER;
      }),
    // Caller numbers are call metadata: kept, or stored as keyed hashes (HMAC-SHA256).
    REDACT_CALLER_NUMBERS: z.enum(['keep', 'hash']).default('keep'),
    // The HMAC key for REDACT_CALLER_NUMBERS=hash and for event ids made from bodies (keep
    // it secret, stable, and the same on every ingest instance).
    REDACT_HASH_KEY: z.string().default(''),
  })
  .refine((c) => c.REDACT_CALLER_NUMBERS === 'keep' || c.REDACT_HASH_KEY.length >= 16, {
    message: 'REDACT_CALLER_NUMBERS=hash needs REDACT_HASH_KEY (16 characters or more)',
    path: ['REDACT_HASH_KEY'],
  })
  .refine((c) => (c.INGEST_AUTH_HEADER === '') === (c.INGEST_AUTH_TOKENS.length === 0), {
    message: 'set both INGEST_AUTH_HEADER and INGEST_AUTH_TOKENS, or neither',
    path: ['INGEST_AUTH_TOKENS'],
  });

export type Config = z.infer<typeof configSchema>;
