import { keywordListSchema } from '@callpulse/analysis';
import { fieldErrors } from '@callpulse/contracts';
import {
  deleteKeywordList,
  getKeywordList,
  listKeywordLists,
  putKeywordList,
  type Pool,
} from '@callpulse/db';
import { readJsonBody } from '@callpulse/runtime';
import type Router from '@koa/router';
import type { Context } from 'koa';

const MAX_LIST_BYTES = 1024 * 1024;

/** GET /keyword-lists, GET|PUT|DELETE /keyword-lists/:name. Changes reach analyzers by NOTIFY. */
export const mountKeywordListRoutes = (router: Router, pool: Pool): void => {
  router.get('/keyword-lists', async (ctx) => {
    ctx.body = { lists: await listKeywordLists(pool) };
  });

  router.get('/keyword-lists/:name', async (ctx) => {
    const list = await getKeywordList(pool, ctx.params.name ?? '');
    if (!list) return notFound(ctx, ctx.params.name);
    ctx.body = list;
  });

  router.put('/keyword-lists/:name', async (ctx) => {
    if (!/^application\/json\b/i.test(ctx.get('content-type'))) {
      ctx.status = 415;
      ctx.body = { error: 'content-type must be application/json' };
      return;
    }
    const body = await readJsonBody(ctx.req, MAX_LIST_BYTES);
    if (!body.ok) {
      ctx.status = body.status;
      ctx.body = { error: body.error };
      return;
    }
    const name = ctx.params.name ?? '';
    const input = body.json;
    if (input !== null && typeof input === 'object' && 'name' in input && input.name !== name) {
      ctx.status = 400;
      ctx.body = {
        error: `the body names list "${String(input.name)}" but the path names "${name}"`,
      };
      return;
    }
    const parsed = keywordListSchema.safeParse({ ...(input as object), name });
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { error: 'invalid keyword list', fields: fieldErrors(parsed.error.issues) };
      return;
    }
    const { list, created } = await putKeywordList(pool, parsed.data);
    ctx.status = created ? 201 : 200;
    ctx.body = list;
  });

  router.delete('/keyword-lists/:name', async (ctx) => {
    if (!(await deleteKeywordList(pool, ctx.params.name ?? '')))
      return notFound(ctx, ctx.params.name);
    ctx.status = 204;
  });
};

const notFound = (ctx: Context, name: string | undefined): void => {
  ctx.status = 404;
  ctx.body = { error: `no keyword list named "${name ?? ''}"` };
};
