import { listAlerts, type Pool } from '@callpulse/db';
import type Router from '@koa/router';
import { z } from 'zod';
import { isoInstant, parseQuery } from './query.js';

const query = z.object({
  since: isoInstant.optional(),
  // "source/callId", as the alerts' links give it.
  call: z
    .string()
    .regex(/^.+\/[^/]+$/, 'expected source/callId')
    .optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

/**
 * GET /alerts?since=ISO[&call=source/callId][&limit=N]: deliveries and their outcome. A
 * call's alerts (the link every alert carries) need no `since`; all alerts do.
 */
export const mountAlertRoutes = (router: Router, pool: Pool): void => {
  router.get('/alerts', async (ctx) => {
    const parsed = parseQuery(ctx, query);
    if (!parsed) return;
    const { since, call, limit } = parsed;
    if (since === undefined && call === undefined) {
      ctx.status = 400;
      ctx.body = {
        error: 'invalid query',
        fields: [{ field: 'since', message: 'required unless call is given' }],
      };
      return;
    }
    const at = call?.lastIndexOf('/') ?? -1;
    ctx.body = {
      alerts: await listAlerts(pool, {
        since: since ?? null,
        call: call ? { source: call.slice(0, at), callId: call.slice(at + 1) } : null,
        limit,
      }),
    };
  });
};
