import type { Pool } from '@callpulse/db';
import { checkBearer, type Logger, type Registry } from '@callpulse/runtime';
import Router from '@koa/router';
import Koa from 'koa';
import { mountCallRoutes } from './call-routes.js';
import { mountKeywordListRoutes } from './keyword-list-routes.js';

export interface AppDeps {
  pool: Pool;
  token: string | null;
  registry: Registry;
  logger: Logger;
}

const OPEN_PATHS = new Set(['/healthz', '/readyz']);

/** The internal API; only main.ts listens. */
export const createApp = ({ pool, token, registry, logger }: AppDeps): Koa => {
  const app = new Koa();
  const router = new Router();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = await pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ready' : 'not ready',
      postgres: ready ? 'connected' : 'unreachable',
    };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  mountKeywordListRoutes(router, pool);
  mountCallRoutes(router, pool);

  app.use(async (ctx, next) => {
    try {
      if (token && !OPEN_PATHS.has(ctx.path) && !checkBearer(ctx.get('authorization'), token)) {
        ctx.status = 401;
        ctx.set('WWW-Authenticate', 'Bearer');
        ctx.body = { error: 'missing or invalid bearer token' };
        return;
      }
      await next();
    } catch (error) {
      logger.error({ err: error, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error' };
    }
    if (ctx.status === 404 && ctx.body === undefined) ctx.body = { error: 'not found' };
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
};
