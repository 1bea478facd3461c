import type { Resolver } from '@callpulse/alerts';
import { isReachable, type Pool } from '@callpulse/db';
import { createServiceApp, createTokenCheck, type Logger, type Registry } from '@callpulse/runtime';
import type Koa from 'koa';
import { mountAlertRoutes } from './alert-routes.js';
import { mountCallRoutes } from './call-routes.js';
import { mountDestinationRoutes } from './destination-routes.js';
import { mountHistoryRoutes } from './history-routes.js';
import { mountKeywordListRoutes } from './keyword-list-routes.js';
import type { LiveHub } from './live-hub.js';
import { mountLiveRoutes } from './live-routes.js';
import { refuseNul } from './refuse-nul.js';
import { mountRuleRoutes } from './rule-routes.js';
import { mountTryRoutes } from './try-routes.js';
import { createSessions, SESSION_COOKIE } from './session.js';
import { mountSessionRoutes } from './session-routes.js';
import type { Asset } from './web-assets.js';
import { isPublicWebRequest, mountWebRoutes } from './web-routes.js';

export interface AppDeps {
  pool: Pool;
  token: string | null;
  registry: Registry;
  logger: Logger;
  /** ALERTS_ALLOW_PRIVATE_URLS: destinations may point at private addresses. */
  allowPrivateUrls?: boolean;
  /** Resolves destination hostnames (tests stub it). */
  resolve?: Resolver;
  /** Pushes live calls to browsers; without it there is no /live. */
  live?: LiveHub | undefined;
  /** The built browser app, by file name; without it `/` says how to build it. */
  webAssets?: Map<string, Asset> | undefined;
}

/** The internal API and the browser UI on the same port and token; only main.ts listens. */
export const createApp = ({
  pool,
  token,
  registry,
  logger,
  allowPrivateUrls = false,
  resolve,
  live,
  webAssets,
}: AppDeps): Koa => {
  const checkBearer = token ? createTokenCheck({ tokens: [token], bearer: 'required' }) : null;
  const checkToken = token ? createTokenCheck({ tokens: [token], bearer: 'none' }) : null;
  const sessions = token ? createSessions({ token }) : null;
  // A browser proves itself with the session cookie, an API client with the bearer token.
  const isAuthenticated = (ctx: Koa.Context): boolean =>
    !sessions ||
    (checkBearer?.(ctx.get('authorization')) ?? false) ||
    sessions.verify(ctx.cookies.get(SESSION_COOKIE));
  return createServiceApp({
    logger,
    registry,
    isReady: () => isReachable(pool),
    dependency: 'postgres',
    ...(sessions ? { authorize: (ctx) => isPublicWebRequest(ctx) || isAuthenticated(ctx) } : {}),
    mount: (router) => {
      // Before every route: a NUL in a name or filter cannot reach Postgres.
      router.use(refuseNul(router));
      // Then: a browser asking for a call page gets the app, not the call's JSON.
      mountWebRoutes(router, webAssets ?? new Map<string, Asset>());
      mountSessionRoutes(router, { sessions, checkToken, isAuthenticated });
      mountKeywordListRoutes(router, pool);
      mountTryRoutes(router, pool);
      // Before the call routes: /calls/over-time is not a call.
      mountHistoryRoutes(router, pool);
      mountCallRoutes(router, pool);
      mountRuleRoutes(router, pool);
      mountDestinationRoutes(router, pool, { allowPrivateUrls, ...(resolve ? { resolve } : {}) });
      mountAlertRoutes(router, pool);
      if (live) mountLiveRoutes(router, live);
    },
  });
};
