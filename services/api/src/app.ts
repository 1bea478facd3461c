import { isReachable, type Pool } from '@callpulse/db';
import { createServiceApp, createTokenCheck, type Logger, type Registry } from '@callpulse/runtime';
import type Koa from 'koa';
import { mountCallRoutes } from './call-routes.js';
import { mountKeywordListRoutes } from './keyword-list-routes.js';
import { mountRuleRoutes } from './rule-routes.js';

export interface AppDeps {
  pool: Pool;
  token: string | null;
  registry: Registry;
  logger: Logger;
}

/** The internal API; only main.ts listens. */
export const createApp = ({ pool, token, registry, logger }: AppDeps): Koa => {
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
    },
  });
};
