import { callStatusSchema, labelSchema } from '@callpulse/contracts';
import { getCall, listCalls, type Pool } from '@callpulse/db';
import type Router from '@koa/router';
import { z } from 'zod';
import { isoInstant, parseQuery } from './query.js';

/**
 * The filters of GET /calls, its over-time counts and its CSV export: each given once;
 * a parameter not named here is refused (see parseQuery).
 */
export const callFiltersSchema = z.object({
  since: isoInstant.optional(),
  until: isoInstant.optional(),
  status: callStatusSchema.optional(),
  label: labelSchema.optional(),
  list: z.string().max(100).optional(),
  rule: z.string().max(100).optional(),
  source: z.string().max(200).optional(),
  is_test: z.enum(['true', 'false', 'any']).default('false'),
});

const querySchema = callFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** GET /calls (filtered, paginated) and GET /calls/:source/:callId. */
export const mountCallRoutes = (router: Router, pool: Pool): void => {
  router.get('/calls', async (ctx) => {
    const q = parseQuery(ctx, querySchema);
    if (!q) return;
    const calls = await listCalls(pool, {
      since: q.since,
      until: q.until,
      status: q.status,
      label: q.label,
      list: q.list,
      rule: q.rule,
      source: q.source,
      isTest: q.is_test === 'any' ? 'any' : q.is_test === 'true',
      limit: q.limit,
      offset: q.offset,
    });
    ctx.body = {
      calls,
      limit: q.limit,
      offset: q.offset,
      nextOffset: calls.length === q.limit ? q.offset + q.limit : null,
    };
  });

  router.get('/calls/:source/:callId', async (ctx) => {
    const call = await getCall(pool, ctx.params.source ?? '', ctx.params.callId ?? '');
    if (!call) {
      ctx.status = 404;
      ctx.body = { error: 'no such call' };
      return;
    }
    ctx.body = call;
  });
};
