import type Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { Asset } from './web-assets.js';

/** Pages of the browser app; each answers the same shell, which routes on its path. */
const PAGE_PATHS = [
  /^\/$/,
  /^\/calls\/[^/]+\/[^/]+$/,
  /^\/lists$/,
  /^\/lists\/[^/]+$/,
  /^\/history$/,
  /^\/rules$/,
  /^\/rules\/[^/]+$/,
];

/** A browser navigating (it prefers HTML), not an API client asking for JSON. */
export const wantsHtml = (ctx: Context): boolean =>
  (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.accepts('json', 'html') === 'html';

/** Requests answered without credentials: the app's shell and assets hold no data. */
export const isPublicWebRequest = (ctx: Context): boolean =>
  ctx.path.startsWith('/assets/') ||
  ctx.path === '/session' ||
  (wantsHtml(ctx) && PAGE_PATHS.some((p) => p.test(ctx.path)));

const send = (ctx: Context, asset: Asset, cache: string): void => {
  ctx.set('Cache-Control', cache);
  ctx.set('ETag', asset.etag);
  ctx.vary('Accept-Encoding');
  ctx.type = asset.type;
  if (ctx.get('if-none-match') === asset.etag) {
    ctx.status = 304;
    return;
  }
  if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = asset.gzip;
  } else {
    ctx.body = asset.body;
  }
};

/**
 * `/` and the call pages for browsers, `/assets/*` for everyone. A call page's URL is the
 * API's own `/calls/:source/:callId`: a browser (Accept: text/html first) gets the app, an
 * API client gets JSON as before.
 */
export const mountWebRoutes = (router: Router, assets: Map<string, Asset>): void => {
  const shell = async (ctx: Context, next: Next): Promise<void> => {
    if (!wantsHtml(ctx)) {
      await next();
      return;
    }
    const index = assets.get('index.html');
    if (!index) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = 'The web UI is not built: run `npm run build`.\n';
      return;
    }
    // Pages are small and change with every build: always revalidated.
    send(ctx, index, 'no-cache');
    ctx.set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:");
    ctx.set('X-Frame-Options', 'DENY');
  };
  router.get('/', shell);
  router.get('/calls/:source/:callId', shell);
  router.get('/lists', shell);
  router.get('/history', shell);
  router.get('/rules', shell);
  router.get('/rules/:name', shell);
  router.get('/lists/:name', shell);
  router.get('/assets/:name', (ctx) => {
    const asset = assets.get(ctx.params.name ?? '');
    if (!asset || ctx.params.name === 'index.html') {
      ctx.status = 404;
      ctx.body = { error: 'not found' };
      return;
    }
    send(ctx, asset, 'no-cache');
  });
};
