import { openPool } from '@callpulse/db';
import { exitWith, startService } from '@callpulse/runtime';
import { createApp } from './app.js';
import { configSchema } from './config.js';

const { config, logger, registry, onStop, listen } = startService({ name: 'api', configSchema });

const pool = await openPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_SIZE,
  applicationName: 'callpulse-api',
  onError: (error) => logger.warn({ err: error }, 'idle Postgres connection failed'),
}).catch((error: Error) => exitWith(logger, error.message));
if (!config.API_TOKEN)
  logger.warn('API_TOKEN is not set: the API accepts unauthenticated requests');

const app = createApp({ pool, token: config.API_TOKEN || null, registry, logger });
await listen(app, { port: config.API_PORT, host: config.API_HOST });
onStop(() => pool.end());
