import type Router from '@koa/router';
import type { Middleware } from 'koa';

// Postgres text cannot hold U+0000: a name or filter carrying one fails its query
// ("invalid byte sequence for encoding UTF8") and would be answered 500. JSON bodies are
// already refused by readJsonBody; this covers what arrives in the URL, for every route.
const message = 'contains a NUL character (\\u0000), which cannot be stored';

/** The matched routes' path parameters, decoded and merged as the router does for handlers. */
const pathParams = (
  router: Router,
  path: string,
  method: string,
): Record<string, string | undefined> => {
  const params: Record<string, string | undefined> = {};
  for (const layer of router.match(path, method).pathAndMethod)
    Object.assign(params, layer.params(path, layer.captures(path)));
  return params;
};

/** The names whose value (or one of whose values) carries a NUL. */
const namesWithNul = (values: Record<string, string | string[] | undefined>): string[] =>
  Object.entries(values)
    .filter(([, value]) => [value ?? []].flat().some((v) => v.includes('\0')))
    .map(([name]) => name);

/** Answers 400 naming every path parameter, else every query value, that carries a NUL. */
export const refuseNul =
  (router: Router): Middleware =>
  async (ctx, next) => {
    const inPath = namesWithNul(pathParams(router, ctx.path, ctx.method));
    const inQuery = namesWithNul(ctx.query);
    const names = inPath.length > 0 ? inPath : inQuery;
    if (names.length > 0) {
      ctx.status = 400;
      ctx.body = {
        error: inPath.length > 0 ? 'invalid path' : 'invalid query',
        fields: names.map((field) => ({ field, message })),
      };
      return;
    }
    await next();
  };
