import Router from '@koa/router';
import type { OutgoingMessage } from '@callpulse/kafka';
import type { Logger, Registry } from '@callpulse/runtime';
import Koa from 'koa';
import { createHeaderAuth } from './auth.js';
import type { IngestMetrics } from './metrics.js';
import { createSignatureVerifier } from './signature.js';
import { createWebhookHandler } from './webhook-handler.js';

export interface AppDeps {
  publish: (message: OutgoingMessage) => Promise<void>;
  auth: { header: string; tokens: string[] } | null;
  signingSecret: string | null;
  maxBodyBytes: number;
  registry: Registry;
  metrics: IngestMetrics;
  logger: Logger;
  isReady: () => boolean;
  now?: () => Date;
}

/** The ingest HTTP app; only main.ts listens, tests drive `app.callback()`. */
export const createApp = (deps: AppDeps): Koa => {
  const app = new Koa();
  const router = new Router();

  router.post(
    '/webhooks',
    createWebhookHandler({
      publish: deps.publish,
      checkAuth: deps.auth ? createHeaderAuth(deps.auth) : null,
      authHeader: deps.auth?.header ?? '',
      verifySignature: deps.signingSecret ? createSignatureVerifier(deps.signingSecret) : null,
      maxBodyBytes: deps.maxBodyBytes,
      retryAfterSeconds: 5,
      metrics: deps.metrics,
      logger: deps.logger,
      now: deps.now ?? (() => new Date()),
    }),
  );
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', (ctx) => {
    const ready = deps.isReady();
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ready' : 'not ready',
      kafka: ready ? 'connected' : 'disconnected',
    };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = deps.registry.contentType;
    ctx.body = await deps.registry.metrics();
  });

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      // Anything unexpected is our fault, logged with its cause; the client gets no details.
      deps.logger.error({ err: error, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error' };
    }
    if (ctx.status === 404 && ctx.body === undefined) ctx.body = { error: 'not found' };
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
};
