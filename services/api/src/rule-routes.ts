import {
  deleteRule,
  getRule,
  listDestinations,
  listKeywordLists,
  loadRules,
  putRule,
  type Pool,
} from '@callpulse/db';
import { replayRule, ReplayError } from '@callpulse/replay';
import { fromRuleRecord, toRuleRecord, validateRule, withoutStoredFields } from '@callpulse/rules';
import type Router from '@koa/router';
import { z } from 'zod';
import { notFound, readNamedBody } from './json-request.js';
import { isoInstant, parseQuery } from './query.js';

const MAX_RULE_BYTES = 256 * 1024;

const replayQuery = z.object({
  since: isoInstant.optional(),
  until: isoInstant.optional(),
  apply: z.enum(['true', 'false']).default('false'),
});

/**
 * GET /rules, GET|PUT|DELETE /rules/:name, POST /rules/:name/replay. A rule naming a
 * keyword list that does not exist is refused when saved; changes reach analyzers by NOTIFY.
 */
export const mountRuleRoutes = (router: Router, pool: Pool): void => {
  router.get('/rules', async (ctx) => {
    ctx.body = { rules: (await loadRules(pool)).rules.map(fromRuleRecord) };
  });

  router.get('/rules/:name', async (ctx) => {
    const rule = await getRule(pool, ctx.params.name ?? '');
    if (!rule) return notFound(ctx, 'rule', ctx.params.name);
    ctx.body = fromRuleRecord(rule);
  });

  router.put('/rules/:name', async (ctx) => {
    const input = await readNamedBody(ctx, { kind: 'rule', maxBytes: MAX_RULE_BYTES });
    if (!input) return;
    // A client echoing back what GET gave it is fine.
    const rule = withoutStoredFields(input);
    const lists = (await listKeywordLists(pool)).map((l) => l.name);
    const destinations = (await listDestinations(pool)).map((d) => d.name);
    const validated = validateRule(rule, { lists, destinations });
    if (!validated.ok) {
      ctx.status = 400;
      ctx.body = {
        error: 'invalid rule',
        fields: validated.errors.map((e) => ({ field: e.path, message: e.message })),
      };
      return;
    }
    const { rule: stored, created } = await putRule(pool, toRuleRecord(validated.value));
    ctx.status = created ? 201 : 200;
    ctx.body = fromRuleRecord(stored);
  });

  router.delete('/rules/:name', async (ctx) => {
    if (!(await deleteRule(pool, ctx.params.name ?? '')))
      return notFound(ctx, 'rule', ctx.params.name);
    ctx.status = 204;
  });

  router.post('/rules/:name/replay', async (ctx) => {
    // A misspelt window (`sinse=`) must not replay, let alone apply, over every call.
    const query = parseQuery(ctx, replayQuery);
    if (!query) return;
    try {
      ctx.body = await replayRule({
        pool,
        name: ctx.params.name ?? '',
        since: query.since ?? null,
        until: query.until ?? null,
        apply: query.apply === 'true',
      });
    } catch (error) {
      if (!(error instanceof ReplayError)) throw error;
      ctx.status = /^no rule named/.test(error.message) ? 404 : 409;
      ctx.body = { error: error.message };
    }
  });
};
