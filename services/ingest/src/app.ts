import { bodyEventId, type CallEvent } from '@callpulse/contracts';
import type { OutgoingMessage } from '@callpulse/kafka';
import { createServiceApp, createTokenCheck, type Logger, type Registry } from '@callpulse/runtime';
import type Koa from 'koa';
import type { IngestMetrics } from './metrics.js';
import { createSignatureVerifier } from './signature.js';
import { createWebhookHandler } from './webhook-handler.js';

export interface AppDeps {
  publish: (message: OutgoingMessage) => Promise<void>;
  auth: { header: string; tokens: string[] } | null;
  /** Personal data out of each event before it is published; absent: nothing redacted. */
  redact?: (event: CallEvent) => CallEvent;
  /** Ids of deliveries without an idempotency header; absent: a hash of the body. */
  eventIdOf?: (body: unknown) => string;
  signingSecret: string | null;
  maxBodyBytes: number;
  registry: Registry;
  metrics: IngestMetrics;
  logger: Logger;
  isReady: () => boolean;
  now?: () => Date;
}

/** The ingest HTTP app; only main.ts listens, tests drive `app.callback()`. */
export const createApp = (deps: AppDeps): Koa =>
  createServiceApp({
    logger: deps.logger,
    registry: deps.registry,
    isReady: deps.isReady,
    dependency: 'kafka',
    mount: (router) => {
      router.post(
        '/webhooks',
        createWebhookHandler({
          publish: deps.publish,
          checkAuth: deps.auth
            ? createTokenCheck({
                tokens: deps.auth.tokens,
                // The provider's header is free text: `authorization` may carry "Bearer …".
                bearer: deps.auth.header === 'authorization' ? 'optional' : 'none',
              })
            : null,
          authHeader: deps.auth?.header ?? '',
          redact: deps.redact ?? ((event) => event),
          eventIdOf: deps.eventIdOf ?? ((body) => bodyEventId(body)),
          verifySignature: deps.signingSecret ? createSignatureVerifier(deps.signingSecret) : null,
          maxBodyBytes: deps.maxBodyBytes,
          retryAfterSeconds: 5,
          metrics: deps.metrics,
          logger: deps.logger,
          now: deps.now ?? (() => new Date()),
        }),
      );
    },
  });
