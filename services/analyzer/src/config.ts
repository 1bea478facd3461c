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
  // Kept for compatibility, no longer read: analysis is deterministic, so a message whose
  // analysis throws goes to the dead-letter topic at once instead of being tried again.
  ANALYZER_MAX_ATTEMPTS: positiveInt(3),
  // How often quiet calls' rule deadlines are checked ("not said within 30 s" with no
  // later event to show the 30 s have passed).
  RULES_SWEEP_MS: positiveInt(1_000),
  // How late an event may still arrive: a sweep decides a deadline only this long after it.
  RULES_ALLOWED_LATENESS_S: z.coerce.number().min(0).max(3600).default(5),
  // Hours a call's rule state is kept after its end: a late duplicate of one of its events
  // finds it and decides nothing again. Calls that never end are dropped after 7 days.
  RULE_STATE_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  // Operator word weights on top of AFINN and the call-center lexicon, e.g. {"sorted": 2}.
  SENTIMENT_OVERRIDES: overrides,
  // Keyword lists are reloaded on NOTIFY; this periodic re-read is the fallback.
  KEYWORD_LISTS_RELOAD_MS: positiveInt(30_000),
});

export type Config = z.infer<typeof configSchema>;
