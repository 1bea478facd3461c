import { keywordListSchema } from '@callpulse/analysis';
import { fieldErrors } from '@callpulse/contracts';
import {
  deleteKeywordList,
  getKeywordList,
  listKeywordLists,
  putKeywordList,
  rulesUsingList,
  type Pool,
} from '@callpulse/db';
import type Router from '@koa/router';
import { notFound, readNamedBody } from './json-request.js';

const MAX_LIST_BYTES = 1024 * 1024;

/** GET /keyword-lists, GET|PUT|DELETE /keyword-lists/:name. Changes reach analyzers by NOTIFY. */
export const mountKeywordListRoutes = (router: Router, pool: Pool): void => {
  router.get('/keyword-lists', async (ctx) => {
    ctx.body = { lists: await listKeywordLists(pool) };
  });

  router.get('/keyword-lists/:name', async (ctx) => {
    const list = await getKeywordList(pool, ctx.params.name ?? '');
    if (!list) return notFound(ctx, 'keyword list', ctx.params.name);
    ctx.body = list;
  });

  router.put('/keyword-lists/:name', async (ctx) => {
    const input = await readNamedBody(ctx, { kind: 'keyword list', maxBytes: MAX_LIST_BYTES });
    if (!input) return;
    const parsed = keywordListSchema.safeParse(input);
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
    const name = ctx.params.name ?? '';
    const users = await rulesUsingList(pool, name);
    if (users.length > 0) {
      ctx.status = 409;
      ctx.body = {
        error: `keyword list "${name}" is read by rules ${users.join(', ')}; change them first`,
      };
      return;
    }
    if (!(await deleteKeywordList(pool, name))) return notFound(ctx, 'keyword list', name);
    ctx.status = 204;
  });
};
