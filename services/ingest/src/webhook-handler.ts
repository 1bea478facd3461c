import {
  callKey,
  CALL_EVENT_CONTENT_TYPE,
  encodeCallEvent,
  normalizeWebhook,
  type CallEvent,
  type NormalizeError,
} from '@callpulse/contracts';
import type { OutgoingMessage } from '@callpulse/kafka';
import type { Logger } from '@callpulse/runtime';
import type { Context } from 'koa';
import { readJsonBody } from '@callpulse/runtime';
import type { IngestMetrics } from './metrics.js';
import type { createSignatureVerifier } from './signature.js';

export interface WebhookDeps {
  /** Resolves once Kafka has the event; rejects when it cannot take it in time. */
  publish: (message: OutgoingMessage) => Promise<void>;
  checkAuth: ((value: string | string[] | undefined) => boolean) | null;
  /** Personal data out of the event before it is published (identity when redaction is off). */
  redact: (event: CallEvent) => CallEvent;
  /** The id of a delivery that carries no idempotency header, from its body. */
  eventIdOf: (body: unknown) => string;
  authHeader: string;
  verifySignature: ReturnType<typeof createSignatureVerifier> | null;
  maxBodyBytes: number;
  /** Seconds a client should wait after a 503. */
  retryAfterSeconds: number;
  metrics: IngestMetrics;
  logger: Logger;
  now: () => Date;
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
// Longer ids are refused, never cut: two ids sharing a prefix would become one event and
// the second delivery would be dropped as its duplicate.
const MAX_EVENT_ID_LENGTH = 200;

const fail = (ctx: Context, status: number, body: Record<string, unknown>): void => {
  ctx.status = status;
  ctx.body = body;
};

const describe = (error: NormalizeError): Record<string, unknown> => {
  switch (error.kind) {
    case 'not_an_object':
      return { error: 'the body must be a JSON object' };
    case 'missing_event_type':
      return {
        error: 'event_type is missing or not a string',
        fields: [{ field: 'event_type', message: 'required' }],
      };
    case 'invalid_fields':
      return { error: `invalid ${error.eventType} webhook`, fields: error.fields };
  }
};

const header = (ctx: Context, name: string): string | undefined => {
  const v = ctx.get(name);
  return v === '' ? undefined : v;
};

/** POST /webhooks: 200 only once Kafka has acknowledged the normalized event. */
export const createWebhookHandler =
  (deps: WebhookDeps) =>
  async (ctx: Context): Promise<void> => {
    let eventType = '-';
    try {
      if (deps.checkAuth && !deps.checkAuth(ctx.req.headers[deps.authHeader])) {
        return fail(ctx, 401, { error: `missing or invalid ${deps.authHeader} header` });
      }
      if (!JSON_TYPE.test(ctx.get('content-type'))) {
        return fail(ctx, 415, { error: 'content-type must be application/json' });
      }
      const body = await readJsonBody(ctx.req, deps.maxBodyBytes);
      if (!body.ok) return fail(ctx, body.status, { error: body.error });

      const webhookId = header(ctx, 'webhook-id');
      if (deps.verifySignature) {
        const check = deps.verifySignature({
          id: webhookId,
          timestamp: header(ctx, 'webhook-timestamp'),
          signature: header(ctx, 'webhook-signature'),
          body: body.bytes,
          nowSeconds: Math.floor(deps.now().getTime() / 1000),
        });
        if (!check.ok) return fail(ctx, 401, { error: check.error });
      }

      const idName = webhookId !== undefined ? 'webhook-id' : 'idempotency-key';
      const idHeader = webhookId ?? header(ctx, idName);
      if (idHeader !== undefined && idHeader.length > MAX_EVENT_ID_LENGTH) {
        const message = `at most ${MAX_EVENT_ID_LENGTH} characters, got ${idHeader.length}`;
        return fail(ctx, 400, {
          error: `the ${idName} header is longer than ${MAX_EVENT_ID_LENGTH} characters`,
          fields: [{ field: idName, message }],
        });
      }
      const eventId = idHeader ?? deps.eventIdOf(body.json);
      const normalized = normalizeWebhook(body.json, { eventId, receivedAt: deps.now() });
      if (!normalized.ok) return fail(ctx, 400, describe(normalized.error));
      const event = deps.redact(normalized.value);
      eventType = event.type;

      const started = performance.now();
      try {
        await deps.publish({
          key: callKey(event),
          value: encodeCallEvent(event),
          headers: { 'content-type': CALL_EVENT_CONTENT_TYPE, 'event-type': event.type },
        });
      } catch (error) {
        deps.logger.warn({ err: error, eventId }, 'Kafka did not take the event; answering 503');
        ctx.set('Retry-After', String(deps.retryAfterSeconds));
        return fail(ctx, 503, { error: 'event not accepted: Kafka is unavailable, retry later' });
      } finally {
        deps.metrics.publishSeconds.observe((performance.now() - started) / 1000);
      }
      ctx.status = 200;
      ctx.body = { status: 'accepted', eventId, type: event.type };
    } finally {
      deps.metrics.requests.inc({ status: String(ctx.status), event_type: eventType });
    }
  };
