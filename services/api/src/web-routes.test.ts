import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from '@callpulse/db';
import { createLogger, createMetricsRegistry } from '@callpulse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { loadWebAssets } from './web-assets.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Only routes that never reach the database are exercised here (no port is needed by
// createApp, the server is the test's); a pool that is used fails the test.
const pool = new Proxy(
  {},
  {
    get: () => {
      throw new Error('the database was used');
    },
  },
) as Pool;

describe('web routes: the app for browsers, JSON for API clients', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callpulse-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="/assets/app.js"></script>');
    writeFileSync(join(dir, 'app.js'), 'console.log("app");'.repeat(50));
    const app = createApp({
      pool,
      token: 'secret',
      registry: createMetricsRegistry('api-test'),
      logger: createLogger({ service: 'api-test', level: 'silent' }),
      webAssets: loadWebAssets(dir),
    });
    const handle = app.callback();
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('answers a browser at a call URL with the app, without credentials', async () => {
    for (const path of ['/', '/calls/box%3A1/42', '/history', '/lists/churn', '/rules']) {
      const res = await fetch(`${url}${path}`, { headers: browser });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await res.text()).toContain('/assets/app.js');
    }
  });

  it('keeps API clients on JSON and the token', async () => {
    for (const accept of ['*/*', 'application/json', 'application/json, text/html']) {
      const res = await fetch(`${url}/calls/box/42`, { headers: { accept } });
      expect(res.status, accept).toBe(401);
      expect(res.headers.get('content-type'), accept).toMatch(/application\/json/);
    }
    expect((await fetch(`${url}/live/calls`, { headers: browser })).status).toBe(401);
  });

  it('serves assets gzipped with an ETag, and only files that were built', async () => {
    // fetch inflates the body itself; the header says what went over the wire.
    const res = await fetch(`${url}/assets/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);
    expect(await res.text()).toBe('console.log("app");'.repeat(50));
    const again = await fetch(`${url}/assets/app.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    for (const path of ['/assets/index.html', '/assets/..%2Fpackage.json', '/assets/nope.js'])
      expect((await fetch(`${url}${path}`)).status, path).toBe(404);
  });

  it('logs in with the token only, with an HttpOnly SameSite=Strict cookie', async () => {
    const post = (token: string) =>
      fetch(`${url}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const wrong = await post('nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ fields: [{ field: 'token' }] });
    const ok = await post('secret');
    expect(ok.status).toBe(204);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^callpulse_session=/);
    expect(cookie.toLowerCase()).toContain('httponly');
    expect(cookie.toLowerCase()).toContain('samesite=strict');
    const session = await fetch(`${url}/session`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(await session.json()).toEqual({ required: true, authenticated: true });
  });
});
