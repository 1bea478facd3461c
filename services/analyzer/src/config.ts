import { commonEnv, consumerEnv, portEnv, positiveInt, topicEnv } from '@callpulse/runtime';
import { z } from 'zod';

const overrides = z
  .string()
  .default('{}')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object such as {"sorted": 2}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), z.number().min(-5).max(5)));

export const configSchema = z.object({
  ...commonEnv,
  ...topicEnv,
  ...consumerEnv,
  ANALYZER_HTTP_PORT: portEnv.ANALYZER_HTTP_PORT,
  // Partitions analyzed at once.
  ANALYZER_CONCURRENCY: positiveInt(2),
  // Tries of a message whose analysis throws before it goes to the dead-letter topic.
  ANALYZER_MAX_ATTEMPTS: positiveInt(3),
  // Operator word weights on top of AFINN and the call-center lexicon, e.g. {"sorted": 2}.
  SENTIMENT_OVERRIDES: overrides,
  // Keyword lists are reloaded on NOTIFY; this periodic re-read is the fallback.
  KEYWORD_LISTS_RELOAD_MS: positiveInt(30_000),
});

export type Config = z.infer<typeof configSchema>;
