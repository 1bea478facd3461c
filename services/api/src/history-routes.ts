import { CALL_SENTIMENT_COLUMNS, countCallsOverTime, listCalls, type Pool } from '@callpulse/db';
import type Router from '@koa/router';
import { z } from 'zod';
import { callFiltersSchema } from './call-routes.js';
import { csvLine } from './csv.js';
import { parseQuery } from './query.js';

const EXPORT_PAGE = 1_000; // rows read per query while exporting
const EXPORT_MAX = 100_000; // rows at most in one export

const overTimeSchema = callFiltersSchema.extend({
  bucket: z.enum(['hour', 'day']).default('hour'),
});

type Filters = z.infer<typeof callFiltersSchema>;
const toFilters = (q: Filters) => ({
  since: q.since,
  until: q.until,
  status: q.status,
  label: q.label,
  list: q.list,
  rule: q.rule,
  source: q.source,
  isTest: q.is_test === 'any' ? ('any' as const) : q.is_test === 'true',
});

/**
 * GET /calls/over-time: calls per hour or day (UTC) with how many were negative, for the
 * same filters as GET /calls. GET /calls.csv: the filtered set as CSV, newest first.
 */
export const mountHistoryRoutes = (router: Router, pool: Pool): void => {
  router.get('/calls/over-time', async (ctx) => {
    const q = parseQuery(ctx, overTimeSchema);
    if (!q) return;
    ctx.body = { bucket: q.bucket, counts: await countCallsOverTime(pool, toFilters(q), q.bucket) };
  });

  router.get('/calls.csv', async (ctx) => {
    const q = parseQuery(ctx, callFiltersSchema);
    if (!q) return;
    const chunks = [csvLine(CALL_SENTIMENT_COLUMNS)];
    for (let offset = 0; offset < EXPORT_MAX; offset += EXPORT_PAGE) {
      const rows = await listCalls(pool, { ...toFilters(q), limit: EXPORT_PAGE, offset });
      for (const row of rows) chunks.push(csvLine(CALL_SENTIMENT_COLUMNS.map((c) => row[c])));
      if (rows.length < EXPORT_PAGE) break;
    }
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', 'attachment; filename="calls.csv"');
    ctx.body = chunks.join('');
  });
};
