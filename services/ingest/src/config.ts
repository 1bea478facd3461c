import { commonEnv, ingestAuthEnv, portEnv, positiveInt, topicEnv } from '@callpulse/runtime';
import { z } from 'zod';

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
  })
  .refine((c) => (c.INGEST_AUTH_HEADER === '') === (c.INGEST_AUTH_TOKENS.length === 0), {
    message: 'set both INGEST_AUTH_HEADER and INGEST_AUTH_TOKENS, or neither',
    path: ['INGEST_AUTH_TOKENS'],
  });

export type Config = z.infer<typeof configSchema>;
