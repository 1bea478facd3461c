import { alertsEnv, commonEnv, poolEnv, portEnv } from '@callpulse/runtime';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonEnv,
  ...poolEnv,
  ...alertsEnv,
  API_PORT: portEnv.API_PORT,
  // Internal service: bind to loopback unless told otherwise.
  API_HOST: z.string().default('127.0.0.1'),
  // When set, every request but /healthz and /readyz needs `Authorization: Bearer <token>`.
  API_TOKEN: z.string().default(''),
});

export type Config = z.infer<typeof configSchema>;
