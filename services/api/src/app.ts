import type { Resolver } from '@callpulse/alerts';
import { isReachable, type Pool } from '@callpulse/db';
import { createServiceApp, createTokenCheck, type Logger, type Registry } from '@callpulse/runtime';
import type Koa from 'koa';
import { mountAlertRoutes } from './alert-routes.js';
import { mountCallRoutes } from './call-routes.js';
import { mountDestinationRoutes } from './destination-routes.js';
import { mountKeywordListRoutes } from './keyword-list-routes.js';
import { mountRuleRoutes } from './rule-routes.js';

export interface AppDeps {
  pool: Pool;
  token: string | null;
  registry: Registry;
  logger: Logger;
  /** ALERTS_ALLOW_PRIVATE_URLS: destinations may point at private addresses. */
  allowPrivateUrls?: boolean;
  /** Resolves destination hostnames (tests stub it). */
  resolve?: Resolver;
}

/** The internal API; only main.ts listens. */
export const createApp = ({
  pool,
  token,
  registry,
  logger,
  allowPrivateUrls = false,
  resolve,
}: AppDeps): Koa => {
  const checkToken = token ? createTokenCheck({ tokens: [token], bearer: 'required' }) : null;
  return createServiceApp({
    logger,
    registry,
    isReady: () => isReachable(pool),
    dependency: 'postgres',
    ...(checkToken ? { authorize: (ctx) => checkToken(ctx.get('authorization')) } : {}),
    mount: (router) => {
      mountKeywordListRoutes(router, pool);
      mountCallRoutes(router, pool);
      mountRuleRoutes(router, pool);
      mountDestinationRoutes(router, pool, { allowPrivateUrls, ...(resolve ? { resolve } : {}) });
      mountAlertRoutes(router, pool);
    },
  });
};
