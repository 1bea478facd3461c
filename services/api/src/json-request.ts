import { readJsonBody } from '@callpulse/runtime';
import type { Context } from 'koa';

/**
 * A PUT body for `/<kind>/:name`: JSON, at most `maxBytes`, naming the same thing as the
 * path if it names anything. Answers the request itself (415, 413, 400) and returns
 * null when the body cannot be used; otherwise the body with the path's name in it.
 */
export const readNamedBody = async (
  ctx: Context,
  { kind, maxBytes }: { kind: string; maxBytes: number },
): Promise<Record<string, unknown> | null> => {
  if (!/^application\/json\b/i.test(ctx.get('content-type'))) {
    ctx.status = 415;
    ctx.body = { error: 'content-type must be application/json' };
    return null;
  }
  const body = await readJsonBody(ctx.req, maxBytes);
  if (!body.ok) {
    ctx.status = body.status;
    ctx.body = { error: body.error };
    return null;
  }
  const name = (ctx.params as { name?: string }).name ?? '';
  const input = body.json;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    ctx.status = 400;
    ctx.body = { error: `the body must be a JSON object (one ${kind})` };
    return null;
  }
  if ('name' in input && input.name !== name) {
    ctx.status = 400;
    ctx.body = {
      error: `the body names ${kind} "${String(input.name)}" but the path names "${name}"`,
    };
    return null;
  }
  return { ...(input as Record<string, unknown>), name };
};

export const notFound = (ctx: Context, kind: string, name: string | undefined): void => {
  ctx.status = 404;
  ctx.body = { error: `no ${kind} named "${name ?? ''}"` };
};
