import { openPool } from '@callpulse/db';
import { startService } from '@callpulse/runtime';
import { createApp } from './app.js';
import { configSchema } from './config.js';

const { config, logger, registry, onStop, listen, fail } = startService({
  name: 'api',
  configSchema,
});
const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE: max } = config;
const pool = await openPool({ connectionString, max, service: 'api', logger }).catch(fail);
if (!config.API_TOKEN)
  logger.warn('API_TOKEN is not set: the API accepts unauthenticated requests');

const app = createApp({
  pool,
  token: config.API_TOKEN || null,
  registry,
  logger,
  allowPrivateUrls: config.ALERTS_ALLOW_PRIVATE_URLS,
});
await listen(app, {
  port: config.API_PORT,
  host: config.API_HOST,
});
onStop(() => pool.end());
