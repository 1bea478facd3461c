import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/** Paths a load balancer or orchestrator probes without credentials. */
const OPEN_PATHS = new Set(['/healthz', '/readyz']);

export interface ServiceAppOptions {
  logger: Logger;
  registry: Registry;
  /** Whether the service can do its work now (its broker or database reachable). */
  isReady: () => boolean | Promise<boolean>;
  /** Named in the /readyz body: `{"status": "ready", "kafka": "connected"}`. */
  dependency?: string;
  /** A request guard for everything but /healthz and /readyz: false answers 401. */
  authorize?: (ctx: Koa.Context) => boolean;
  /** The service's own routes. */
  mount?: (router: Router) => void;
}

/**
 * Every service's HTTP surface starts here: one error middleware (an unexpected throw is
 * logged with its cause and answered 500 without details), JSON 404s, /healthz, /readyz
 * and Prometheus /metrics. Services add their routes through `mount`; only main.ts listens.
 */
export const createServiceApp = ({
  logger,
  registry,
  isReady,
  dependency,
  authorize,
  mount,
}: ServiceAppOptions): Koa => {
  const app = new Koa();
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = await Promise.resolve()
      .then(isReady)
      .catch(() => false);
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ready' : 'not ready',
      ...(dependency ? { [dependency]: ready ? 'connected' : 'unreachable' } : {}),
    };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  mount?.(router);

  app.use(async (ctx, next) => {
    try {
      if (authorize && !OPEN_PATHS.has(ctx.path) && !authorize(ctx)) {
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
    // Koa answers 200 to a body set on an implicit 404: say the status again.
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.body = { error: 'not found' };
    }
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
};
