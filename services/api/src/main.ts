import { openPool } from '@callpulse/db';
import {
  createLogger,
  createMetricsRegistry,
  exitOnFatal,
  exitWith,
  onShutdown,
  parseConfig,
} from '@callpulse/runtime';
import { createApp } from './app.js';
import { configSchema } from './config.js';

const config = parseConfig(configSchema, process.env);
const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
exitOnFatal(logger);

const pool = await openPool({
  connectionString: config.DATABASE_URL,
  max: config.DATABASE_POOL_SIZE,
  applicationName: 'callpulse-api',
  onError: (error) => logger.warn({ err: error }, 'idle Postgres connection failed'),
}).catch((error: Error) => exitWith(logger, error.message));
if (!config.API_TOKEN)
  logger.warn('API_TOKEN is not set: the API accepts unauthenticated requests');

const app = createApp({
  pool,
  token: config.API_TOKEN || null,
  registry: createMetricsRegistry('api'),
  logger,
});
const server = app.listen(config.API_PORT, config.API_HOST, () =>
  logger.info(
    { port: config.API_PORT, host: config.API_HOST },
    `api listening on ${config.API_HOST}:${config.API_PORT}`,
  ),
);

onShutdown(logger, async () => {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  await pool.end();
});
