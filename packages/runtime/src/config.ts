import { fieldErrorLines } from '@callpulse/contracts';
import type { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment with a service's zod schema. A bad environment stops start-up
 * with every problem listed at once, each naming its variable.
 */
export const parseConfig = <S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> => {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = fieldErrorLines(parsed.error.issues, '(environment)');
  throw new ConfigError(`invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
};
