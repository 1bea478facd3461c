import { commonEnv, poolEnv, port } from '@callpulse/runtime';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonEnv,
  ...poolEnv,
  // API port.
  API_PORT: port(8081),
  // Internal service: bind to loopback unless told otherwise.
  API_HOST: z.string().default('127.0.0.1'),
  // When set, every request but /healthz and /readyz needs `Authorization: Bearer <token>`.
  API_TOKEN: z.string().default(''),
});

export type Config = z.infer<typeof configSchema>;
