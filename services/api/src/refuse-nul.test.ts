import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from '@callpulse/db';
import { createLogger, createMetricsRegistry } from '@callpulse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

// Postgres answers a NUL in a text parameter with "invalid byte sequence", which the api
// used to turn into a 500. Every request here must be refused before the database is
// used: this pool throws if it is (and the request then answers 500).
const pool = new Proxy(
  {},
  {
    get: () => {
      throw new Error('the database was used');
    },
  },
) as Pool;

interface Refusal {
  error: string;
  fields: { field: string; message: string }[];
}

describe('a NUL in a path name, a query filter or a JSON body is a 400, not a 500', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = createApp({
      pool,
      token: 'T',
      registry: createMetricsRegistry('api-test'),
      logger: createLogger({ service: 'api-test', level: 'silent' }),
    });
    const handle = app.callback();
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = (method: string, path: string, body?: string) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: 'Bearer T', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });

  it('names the query value or path parameter that carries it', async () => {
    const cases: [method: string, path: string, field: string][] = [
      ['GET', '/calls?source=%00', 'source'],
      ['GET', '/calls?list=%00', 'list'],
      ['GET', '/calls?rule=a%00b&is_test=any', 'rule'],
      ['GET', '/calls/over-time?source=%00', 'source'],
      ['GET', '/calls.csv?list=%00', 'list'],
      ['GET', '/alerts?since=2026-01-01&call=a%00/b', 'call'],
      ['GET', '/calls/a%00b/1', 'source'],
      ['GET', '/calls/box/1%00', 'callId'],
      ['GET', '/rules/a%00b', 'name'],
      ['DELETE', '/rules/a%00b', 'name'],
      ['POST', '/rules/a%00b/replay', 'name'],
      ['GET', '/keyword-lists/a%00b', 'name'],
      ['DELETE', '/keyword-lists/a%00b', 'name'],
      ['GET', '/destinations/a%00b', 'name'],
      ['DELETE', '/destinations/a%00b', 'name'],
    ];
    for (const [method, path, field] of cases) {
      const res = await request(method, path);
      expect(res.status, `${method} ${path}`).toBe(400);
      const body = (await res.json()) as Refusal;
      expect(body.fields, `${method} ${path}`).toEqual([
        { field, message: expect.stringContaining('NUL') as string },
      ]);
    }
  });

  it('refuses a NUL in a JSON body field of the stored kinds', async () => {
    // Escaped, as JSON can carry it (a raw NUL is a control character JSON refuses).
    for (const path of ['/rules/r', '/keyword-lists/l', '/destinations/d']) {
      const res = await request('PUT', path, '{"description":"a\\u0000b"}');
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as Refusal).error, path).toMatch(/NUL/);
    }
  });

  it('still asks for the token first', async () => {
    expect((await fetch(`${url}/calls?source=%00`)).status).toBe(401);
  });
});
