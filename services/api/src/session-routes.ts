import { readJsonBody } from '@callpulse/runtime';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { SESSION_COOKIE, type Sessions } from './session.js';

/**
 * GET /session (is a login needed, is this browser logged in), POST /session with
 * `{"token": "<API_TOKEN>"}` (log in: an HttpOnly, SameSite=Strict cookie), DELETE
 * /session (log out).
 */
export const mountSessionRoutes = (
  router: Router,
  {
    sessions,
    checkToken,
    isAuthenticated,
  }: {
    sessions: Sessions | null;
    checkToken: ((value: string) => boolean) | null;
    isAuthenticated: (ctx: Context) => boolean;
  },
): void => {
  router.get('/session', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { required: sessions !== null, authenticated: isAuthenticated(ctx) };
  });

  router.post('/session', async (ctx) => {
    const body = await readJsonBody(ctx.req, 4_096);
    if (!body.ok) {
      ctx.status = body.status;
      ctx.body = { error: body.error };
      return;
    }
    const token = (body.json as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || token === '') {
      ctx.status = 400;
      ctx.body = { error: 'invalid body', fields: [{ field: 'token', message: 'required' }] };
      return;
    }
    if (!sessions || !checkToken) {
      ctx.status = 204;
      return;
    }
    if (!checkToken(token)) {
      ctx.status = 401;
      ctx.body = {
        error: 'wrong token',
        fields: [{ field: 'token', message: 'not the API token' }],
      };
      return;
    }
    ctx.cookies.set(SESSION_COOKIE, sessions.issue(), {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.secure,
      path: '/',
      maxAge: sessions.ttlMs,
      overwrite: true,
    });
    ctx.status = 204;
  });

  router.delete('/session', (ctx) => {
    ctx.cookies.set(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.secure,
      path: '/',
      maxAge: 0,
      overwrite: true,
    });
    ctx.status = 204;
  });
};
