import {
  checkDestinationUrl,
  publicDestination,
  validateDestination,
  withStoredSecrets,
  type Resolver,
} from '@callpulse/alerts';
import {
  deleteDestination,
  getDestination,
  listDestinations,
  putDestination,
  rulesNotifying,
  type Pool,
} from '@callpulse/db';
import type Router from '@koa/router';
import { notFound, readNamedBody } from './json-request.js';

const MAX_DESTINATION_BYTES = 16 * 1024;

/**
 * GET /destinations, GET|PUT|DELETE /destinations/:name. GET never shows a secret or a
 * Slack URL's token; a URL pointing at a private, loopback or link-local address is
 * refused unless the operator allowed it.
 */
export const mountDestinationRoutes = (
  router: Router,
  pool: Pool,
  { allowPrivateUrls, resolve }: { allowPrivateUrls: boolean; resolve?: Resolver },
): void => {
  router.get('/destinations', async (ctx) => {
    ctx.body = { destinations: (await listDestinations(pool)).map(publicDestination) };
  });

  router.get('/destinations/:name', async (ctx) => {
    const found = await getDestination(pool, ctx.params.name ?? '');
    if (!found) return notFound(ctx, 'destination', ctx.params.name);
    ctx.body = publicDestination(found);
  });

  router.put('/destinations/:name', async (ctx) => {
    const input = await readNamedBody(ctx, {
      kind: 'destination',
      maxBytes: MAX_DESTINATION_BYTES,
    });
    if (!input) return;
    // A client may echo back what GET gave it.
    const stored = await getDestination(pool, ctx.params.name ?? '');
    const validated = validateDestination(withStoredSecrets(input, stored));
    if (!validated.ok) {
      ctx.status = 400;
      ctx.body = { error: 'invalid destination', fields: validated.errors };
      return;
    }
    const value = validated.value;
    if (value.url !== '') {
      const checked = await checkDestinationUrl(value.url, {
        allowPrivate: allowPrivateUrls,
        ...(resolve ? { resolve } : {}),
      });
      if (!checked.ok) {
        ctx.status = 400;
        ctx.body = {
          error: 'invalid destination',
          fields: [{ field: 'url', message: checked.error }],
        };
        return;
      }
    }
    const { created } = await putDestination(pool, value);
    ctx.status = created ? 201 : 200;
    ctx.body = publicDestination(value);
  });

  router.delete('/destinations/:name', async (ctx) => {
    const name = ctx.params.name ?? '';
    const users = await rulesNotifying(pool, name);
    if (users.length > 0) {
      ctx.status = 409;
      ctx.body = {
        error: `destination "${name}" is named by rules ${users.join(', ')}; change them first`,
      };
      return;
    }
    if (!(await deleteDestination(pool, name))) return notFound(ctx, 'destination', name);
    ctx.status = 204;
  });
};
