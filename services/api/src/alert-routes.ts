import { fieldErrors } from '@callpulse/contracts';
import { listAlerts, type Pool } from '@callpulse/db';
import type Router from '@koa/router';
import { z } from 'zod';

const query = z.object({
  since: z.coerce
    .date({ error: 'expected an ISO date' })
    .refine((d) => !Number.isNaN(d.getTime()), 'expected an ISO date'),
  // "source/callId", as the alerts' links give it.
  call: z
    .string()
    .regex(/^.+\/[^/]+$/, 'expected source/callId')
    .optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

/** GET /alerts?since=ISO[&call=source/callId][&limit=N]: deliveries and their outcome. */
export const mountAlertRoutes = (router: Router, pool: Pool): void => {
  router.get('/alerts', async (ctx) => {
    const parsed = query.safeParse(ctx.query);
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: 'invalid query', fields: fieldErrors(parsed.error.issues, '(query)') };
      return;
    }
    const { since, call, limit } = parsed.data;
    const at = call?.lastIndexOf('/') ?? -1;
    ctx.body = {
      alerts: await listAlerts(pool, {
        since,
        call: call ? { source: call.slice(0, at), callId: call.slice(at + 1) } : null,
        limit,
      }),
    };
  });
};
