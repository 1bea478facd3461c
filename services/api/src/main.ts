import { openPool } from '@callpulse/db';
import { startService } from '@callpulse/runtime';
import { webAssetsDir } from '@callpulse/web';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import { createLiveHub } from './live-hub.js';
import { loadWebAssets } from './web-assets.js';

const { config, logger, registry, onStop, onClosing, listen, fail } = startService({
  name: 'api',
  configSchema,
});
const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE: max } = config;
const pool = await openPool({ connectionString, max, service: 'api', logger }).catch(fail);
if (!config.API_TOKEN)
  logger.warn('API_TOKEN is not set: the API and the web UI accept unauthenticated requests');

const webAssets = loadWebAssets(webAssetsDir);
if (!webAssets.has('index.html'))
  logger.warn({ dir: webAssetsDir }, 'the web UI is not built: run `npm run build`');
const live = createLiveHub({ pool, connectionString, logger });
onClosing(() => void live.close());

await listen(
  createApp({
    pool,
    token: config.API_TOKEN || null,
    registry,
    logger,
    allowPrivateUrls: config.ALERTS_ALLOW_PRIVATE_URLS,
    live,
    webAssets,
  }),
  { port: config.API_PORT, host: config.API_HOST },
);
onStop(() => live.close());
onStop(() => pool.end());
